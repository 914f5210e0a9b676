using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Data.Seeding;

/// <summary>
/// Seeds the Development demo: accounts, organisations, reports and indicators. Runs once: it does nothing when the
/// demo curator already exists.
/// </summary>
public sealed class DemoDataSeeder(TimeProvider clock)
{
    // Written directly rather than through UserManager, so seeding needs no Identity services in the container (the
    // initializer runs before the web host's Identity is configured in tests). The hasher and the upper-invariant
    // normalisation are Identity's defaults, which the portal keeps.
    private static readonly PasswordHasher<PortalUser> Hasher = new();

    /// <returns>true when it seeded, false when the demo data was already there.</returns>
    public async Task<bool> SeedAsync(PortalDbContext db, CancellationToken ct)
    {
        var curator = PortalRoleSeeder.Normalize(DemoAccounts.Curator);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == curator, ct))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var organisations = DemoAccounts.Organisations.ToDictionary(
            o => o.Name,
            o => new Organisation { Name = o.Name, Description = o.Description, Clearance = o.Clearance, CreatedAt = now.AddDays(-90) });
        db.Organisations.AddRange(organisations.Values);

        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var users = new Dictionary<string, PortalUser>(StringComparer.Ordinal);
        foreach (var account in DemoAccounts.All)
        {
            var user = CreateUser(account, now);
            users[account.Email] = user;
            db.Users.Add(user);
            foreach (var role in account.Roles)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
            }

            if (account.Organisation is { } name)
            {
                db.OrganisationMemberships.Add(new OrganisationMembership
                {
                    OrganisationId = organisations[name].Id, UserId = user.Id, JoinedAt = now.AddDays(-60),
                });
            }
        }

        var indicators = new Dictionary<(IndicatorType, string), Indicator>();
        foreach (var spec in DemoReports.All())
        {
            db.Reports.Add(CreateReport(spec, users[spec.AuthorEmail], indicators, now));
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    private static PortalUser CreateUser(DemoAccount account, DateTime now)
    {
        var user = new PortalUser
        {
            UserName = account.Email,
            NormalizedUserName = PortalRoleSeeder.Normalize(account.Email),
            Email = account.Email,
            NormalizedEmail = PortalRoleSeeder.Normalize(account.Email),
            EmailConfirmed = true,
            DisplayName = account.DisplayName,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            CreatedAt = now.AddDays(-90),
        };
        user.PasswordHash = Hasher.HashPassword(user, DemoAccounts.Password);
        return user;
    }

    private static ThreatReport CreateReport(
        DemoReport spec, PortalUser author, Dictionary<(IndicatorType, string), Indicator> indicators, DateTime now)
    {
        var created = now.AddDays(-spec.DaysAgo);
        var submitted = spec.Status == ContentStatus.Draft ? (DateTime?)null : created.AddHours(3);
        var report = new ThreatReport
        {
            Title = spec.Title,
            Summary = spec.Summary,
            BodyMarkdown = spec.BodyMarkdown,
            Phases = spec.Phases,
            Tlp = spec.Tlp,
            Confidence = spec.Confidence,
            Status = spec.Status,
            AuthorId = author.Id,
            CreatedAt = created,
            UpdatedAt = submitted ?? created,
            SubmittedAt = submitted,
            PublishedAt = spec.Status == ContentStatus.Published ? created.AddDays(1) : null,
            References = spec.References.Select(r => new ReportReference { Url = r.Url, Title = r.Title }).ToList(),
            Techniques = spec.Techniques.Select(t => new ReportTechnique { TechniqueId = t }).ToList(),
        };

        foreach (var item in spec.Indicators)
        {
            var indicator = FindOrCreateIndicator(item, spec, author, created, indicators);
            report.Indicators.Add(new ReportIndicator { Report = report, Indicator = indicator });
        }

        if (report.Status == ContentStatus.Published)
        {
            report.Versions.Add(new ReportVersion
            {
                Number = 1,
                SnapshotJson = ReportSnapshot.Of(report).ToJson(),
                ChangeNote = "First published version.",
                AuthorId = author.Id,
                CreatedAt = report.PublishedAt!.Value,
            });
        }

        return report;
    }

    /// <summary>A value named by several reports is one indicator linked to each, as contributors would record it.</summary>
    private static Indicator FindOrCreateIndicator(
        DemoIndicator item, DemoReport spec, PortalUser author, DateTime created, Dictionary<(IndicatorType, string), Indicator> known)
    {
        var validation = IndicatorCatalogue.Validate(item.Type, item.Value);
        if (!validation.IsValid || validation.NormalizedValue is null)
        {
            throw new InvalidOperationException(
                $"Demo indicator {item.Type} '{item.Value}' is not valid: {string.Join(" ", validation.Errors)}");
        }

        var key = (item.Type, validation.NormalizedValue);
        if (known.TryGetValue(key, out var existing))
        {
            existing.SightingCount++;
            existing.LastSeen = created;
            return existing;
        }

        var indicator = new Indicator
        {
            Type = item.Type,
            Value = item.Value,
            NormalizedValue = validation.NormalizedValue,
            ValueHash = IndicatorCatalogue.ValueHash(item.Type, validation.NormalizedValue),
            Description = item.Description,
            Phases = PhasesFor(item.Type, spec.Phases),
            Tlp = spec.Tlp,
            Confidence = item.Confidence,
            Status = spec.Status,
            CreatedById = author.Id,
            CreatedAt = created,
            UpdatedAt = created,
            FirstSeen = created.AddDays(-2),
            LastSeen = created,
            SightingCount = 1,
        };
        known[key] = indicator;
        return indicator;
    }

    /// <summary>The report's phases that the indicator type speaks to, or all of the report's when none overlap.</summary>
    private static SupplyChainPhase PhasesFor(IndicatorType type, SupplyChainPhase reportPhases)
    {
        var shared = reportPhases & IndicatorCatalogue.Describe(type).DefaultPhases;
        return shared == SupplyChainPhase.None ? reportPhases : shared;
    }
}
