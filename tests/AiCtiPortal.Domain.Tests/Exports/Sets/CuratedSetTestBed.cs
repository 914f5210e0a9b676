using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Exports.Sets;

/// <summary>
/// The curated-set store and resolver over one test database, with helpers that insert people, organisations, ATLAS
/// techniques and published catalogue rows directly (timestamps chosen by the test, so ordering and "since" are exact).
/// </summary>
internal sealed class CuratedSetTestBed
{
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private readonly PortalDatabaseSettings _settings;

    public CuratedSetTestBed(PortalDatabaseSettings settings)
    {
        _settings = settings;
        var contexts = TestContexts.Factory(settings);
        Store = new CuratedSetStore(contexts, Clock);
        Resolver = new CuratedSetResolver(contexts);
    }

    public MovableClock Clock { get; } = new(Now);

    public CuratedSetStore Store { get; }

    public CuratedSetResolver Resolver { get; }

    public PortalDbContext Db() => TestContexts.Create(_settings);

    public static string Unique(string name) => $"{name} {Guid.NewGuid():N}";

    public async Task<string> UserAsync(params string[] roles)
    {
        await using var db = Db();
        var user = new PortalUser { UserName = $"user-{Guid.NewGuid():N}", DisplayName = "Curated set tester" };
        db.Users.Add(user);
        foreach (var role in roles)
        {
            var normalized = role.ToUpperInvariant();
            var stored = await db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalized);
            if (stored is null)
            {
                stored = new IdentityRole(role) { NormalizedName = normalized };
                db.Roles.Add(stored);
            }

            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = stored.Id });
        }

        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<Guid> OrganisationAsync(Tlp clearance, params string[] memberIds)
    {
        await using var db = Db();
        var organisation = new Organisation { Name = Unique("Org"), Clearance = clearance };
        db.Organisations.Add(organisation);
        db.OrganisationMemberships.AddRange(memberIds.Select(id => new OrganisationMembership { OrganisationId = organisation.Id, UserId = id }));
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    /// <summary>Adds ATLAS techniques that are not there yet (the shared database keeps them between tests).</summary>
    public async Task TechniquesAsync(params (string Id, string? ParentId)[] techniques)
    {
        await using var db = Db();
        foreach (var (id, parent) in techniques)
        {
            if (!await db.AtlasTechniques.AnyAsync(t => t.Id == id))
            {
                db.AtlasTechniques.Add(new AtlasTechnique { Id = id, Name = $"Technique {id}", Description = "For tests.", ParentId = parent });
            }
        }

        await db.SaveChangesAsync();
    }

    public static CuratedSetDraft Draft(params Guid[] readers) => new()
    {
        Name = Unique("Model supply chain"),
        Description = "Poisoned model files and the hubs that host them.",
        TlpCeiling = Tlp.Amber,
        ReaderIds = [.. readers],
    };

    /// <summary>A curator, an organisation and a saved set readable by it.</summary>
    public async Task<(string Curator, Guid Organisation, CuratedSetSaved Set)> SavedSetAsync(Action<CuratedSetDraft>? shape = null, Tlp clearance = Tlp.Red)
    {
        var curator = await UserAsync(PortalRoles.Curator);
        var organisation = await OrganisationAsync(clearance);
        var draft = Draft(organisation);
        shape?.Invoke(draft);
        return (curator, organisation, await Store.CreateAsync(draft, curator));
    }

    public static Indicator Indicator(
        Tlp tlp = Tlp.Clear, IndicatorType type = IndicatorType.Domain, int confidence = 60, DateTime? updatedAt = null,
        SupplyChainPhase phases = SupplyChainPhase.ModelArtifact, ContentStatus status = ContentStatus.Published)
    {
        var value = $"{Guid.NewGuid():N}.example";
        return new Indicator
        {
            Type = type, Value = value, NormalizedValue = value, ValueHash = IndicatorCatalogue.ValueHash(type, value),
            Tlp = tlp, Confidence = confidence, Phases = phases, Status = status,
            CreatedAt = Now.AddDays(-10), UpdatedAt = updatedAt ?? Now.AddDays(-5),
        };
    }

    /// <summary>A report (published unless shaped otherwise) documenting <paramref name="indicators"/>.</summary>
    public async Task<ThreatReport> ReportAsync(
        Action<ThreatReport>? shape = null, IReadOnlyList<Indicator>? indicators = null, params string[] techniques)
    {
        var author = await UserAsync(PortalRoles.Contributor);
        await using var db = Db();
        var report = new ThreatReport
        {
            Title = Unique("Report"), Summary = "Curated set test report.", BodyMarkdown = "Body.",
            Phases = SupplyChainPhase.ModelArtifact, Tlp = Tlp.Clear, Confidence = 60, Status = ContentStatus.Published,
            AuthorId = author, CreatedAt = Now.AddDays(-10), UpdatedAt = Now.AddDays(-5), PublishedAt = Now.AddDays(-5),
        };
        shape?.Invoke(report);
        foreach (var indicator in indicators ?? [])
        {
            indicator.CreatedById = author;
            report.Indicators.Add(new ReportIndicator { Report = report, Indicator = indicator });
        }

        report.Techniques.AddRange(techniques.Select(t => new ReportTechnique { TechniqueId = t }));
        report.References.Add(new ReportReference { Url = "https://example.org/b", Title = "Second" });
        report.References.Add(new ReportReference { Url = "https://example.org/a", Title = "First" });
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report;
    }

    /// <summary>A published indicator no report documents.</summary>
    public async Task<Indicator> LooseIndicatorAsync(Indicator indicator)
    {
        indicator.CreatedById = await UserAsync(PortalRoles.Contributor);
        await using var db = Db();
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync();
        return indicator;
    }

    public static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    public async Task<List<IndicatorExport>> IndicatorsAsync(CuratedSetScope scope, DateTime? since = null) =>
        await AllAsync(Resolver.IndicatorsAsync(scope, since));

    public async Task<List<ReportExport>> ReportsAsync(CuratedSetScope scope, DateTime? since = null) =>
        await AllAsync(Resolver.ReportsAsync(scope, since));

    internal sealed class MovableClock(DateTime start) : TimeProvider
    {
        public DateTime UtcNow { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => new(UtcNow);
    }
}
