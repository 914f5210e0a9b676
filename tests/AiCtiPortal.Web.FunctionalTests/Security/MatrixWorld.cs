using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Security;

/// <summary>
/// Seeds the access matrix's world through the real host's services:
/// <list type="bullet">
/// <item>organisations A (AMBER), B (GREEN) and C (RED);</item>
/// <item>a contributor, a reviewer and a curator in no organisation, consumers of A and of B, a consumer in none, and
/// a member of A without any role yet;</item>
/// <item>one published report and one indicator at every TLP level on a day nothing else uses; the CLEAR report also
/// cites every indicator, so a restricted indicator cannot ride in on a public report;</item>
/// <item>sets "red-AC" (RED ceiling, readers A and C), "amber-AB" (AMBER, A and B), "clear-B" (CLEAR, B) and
/// "archived-AB" (AMBER, A and B, archived after its exports were built), each exported once in every format (STIX,
/// MISP, CSV, JSON Lines) by the real builder;</item>
/// <item>API tokens inserted as rows, so that every role can hold every scope (creation would refuse most of them: the
/// point is that use re-checks them), plus an expired, a revoked and a malformed one.</item>
/// </list>
/// </summary>
internal static class MatrixWorld
{
    public const string Password = "Correct-Horse-42";

    private static readonly Tlp[] Levels = [Tlp.Clear, Tlp.Green, Tlp.Amber, Tlp.AmberStrict, Tlp.Red];

    public static async Task<MatrixWorldModel> SeedAsync(PortalFactory factory)
    {
        var marker = "mtx" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8).Append('q'));
        var day = new DateTime(2035, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        var organisations = new Dictionary<string, MatrixOrganisation>
        {
            ["A"] = new("A", Guid.NewGuid(), Tlp.Amber),
            ["B"] = new("B", Guid.NewGuid(), Tlp.Green),
            ["C"] = new("C", Guid.NewGuid(), Tlp.Red),
        };
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Organisations.AddRange(organisations.Values.Select(o => new Organisation
            {
                Id = o.Id, Name = $"Matrix {o.Key} {marker}", Clearance = o.Clearance,
            }));
            await db.SaveChangesAsync();
        }

        var users = new Dictionary<string, MatrixUser>();
        async Task UserAsync(string key, string? role, params string[] memberOf)
        {
            string[] roles = role is null ? [] : [role];
            var user = await factory.CreateUserAsync(Password, roles);
            users[key] = new MatrixUser(key, user.Id, user.Email!, roles, memberOf);
        }

        await UserAsync("contributor", PortalRoles.Contributor);
        await UserAsync("reviewer", PortalRoles.Reviewer);
        await UserAsync("curator", PortalRoles.Curator);
        await UserAsync("consumer-A", PortalRoles.Consumer, "A");
        await UserAsync("consumer-B", PortalRoles.Consumer, "B");
        await UserAsync("consumer-none", PortalRoles.Consumer);

        // Registered and added to A, but not yet given a role: CLEAR whatever A's clearance (decision 0005).
        await UserAsync("unapproved-A", null, "A");
        var curatorId = users["curator"].Id;

        var items = new List<MatrixItem>();
        var sets = new List<MatrixSet>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.OrganisationMemberships.AddRange(users.Values.SelectMany(u => u.Organisations.Select(o =>
                new OrganisationMembership { OrganisationId = organisations[o].Id, UserId = u.Id })));

            var indicators = Levels.Select(tlp => NewIndicator(marker, tlp, curatorId, day)).ToList();
            var reports = Levels.Select(tlp => NewReport(marker, tlp, curatorId, day)).ToList();
            for (var i = 0; i < Levels.Length; i++)
            {
                reports[i].Indicators.Add(new ReportIndicator { Report = reports[i], Indicator = indicators[i] });
            }

            // The CLEAR report cites every indicator; whoever reads it must still not see the restricted ones.
            foreach (var restricted in indicators.Skip(1))
            {
                reports[0].Indicators.Add(new ReportIndicator { Report = reports[0], Indicator = restricted });
            }

            foreach (var report in reports)
            {
                CatalogueStatistics.Apply(report, []);
            }

            db.Reports.AddRange(reports);
            items.AddRange(reports.Select(r => new MatrixItem(MatrixItemKind.Report, r.Id, r.Tlp, r.Title)));
            items.AddRange(indicators.Select(i => new MatrixItem(MatrixItemKind.Indicator, i.Id, i.Tlp, i.Value)));
            await db.SaveChangesAsync();
        }

        foreach (var (key, ceiling, readers, archived) in new[]
                 {
                     ("red-AC", Tlp.Red, new[] { "A", "C" }, false),
                     ("amber-AB", Tlp.Amber, new[] { "A", "B" }, false),
                     ("clear-B", Tlp.Clear, new[] { "B" }, false),
                     ("archived-AB", Tlp.Amber, new[] { "A", "B" }, true),
                 })
        {
            sets.Add(await SetWithExportAsync(factory, contexts, marker, key, ceiling, readers, archived, organisations, curatorId, day));
        }

        var tokens = await TokensAsync(contexts, users, organisations, curatorId);
        return new MatrixWorldModel(marker, organisations, users, sets, items, tokens);
    }

    private static Indicator NewIndicator(string marker, Tlp tlp, string authorId, DateTime day)
    {
        var value = $"{marker}-{tlp}.example".ToLowerInvariant();
        var normalized = IndicatorCatalogue.Validate(IndicatorType.Domain, value).NormalizedValue
            ?? throw new InvalidOperationException($"{value} is not a valid domain indicator.");
        return new Indicator
        {
            Type = IndicatorType.Domain, Value = value, NormalizedValue = normalized,
            ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.Domain, normalized), Tlp = tlp, Confidence = 80,
            Status = ContentStatus.Published, CreatedById = authorId, Phases = SupplyChainPhase.Deployment,
            CreatedAt = day, UpdatedAt = day.AddHours(2),
        };
    }

    private static ThreatReport NewReport(string marker, Tlp tlp, string authorId, DateTime day)
    {
        var report = new ThreatReport
        {
            Title = $"Matrix {marker} {tlp} report", Summary = "Seeded by the access matrix.", BodyMarkdown = "Body.",
            Tlp = tlp, Confidence = 80, Status = ContentStatus.Published, AuthorId = authorId,
            Phases = SupplyChainPhase.Deployment, CreatedAt = day, UpdatedAt = day.AddHours(2), PublishedAt = day.AddHours(1),
            Version = 1,
        };
        report.References.Add(new ReportReference { ReportId = report.Id, Url = "https://example.org/advisory", Title = "Advisory" });
        report.Techniques.Add(new ReportTechnique { ReportId = report.Id, TechniqueId = "AML.T0010" });
        return report;
    }

    private static async Task<MatrixSet> SetWithExportAsync(
        PortalFactory factory, IDbContextFactory<PortalDbContext> contexts, string marker, string key, Tlp ceiling,
        string[] readers, bool archived, Dictionary<string, MatrixOrganisation> organisations, string curatorId, DateTime day)
    {
        var set = new CuratedSet
        {
            Name = $"Matrix {key} {marker}", Description = $"Access matrix set {key}.", TlpCeiling = ceiling,
            PublishedFrom = day, PublishedTo = day.AddDays(1), CreatedById = curatorId, UpdatedById = curatorId,
        };
        set.Readers.AddRange(readers.Select(r => new CuratedSetReader { SetId = set.Id, OrganisationId = organisations[r].Id }));
        var runs = Enum.GetValues<ExportFormat>().ToDictionary(
            format => format,
            format => new ExportRun { CuratedSetId = set.Id, Format = format, Kind = ExportKind.Full, RequestedBy = curatorId });
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.CuratedSets.Add(set);
            db.ExportRuns.AddRange(runs.Values);
            await db.SaveChangesAsync();
        }

        foreach (var run in runs.Values)
        {
            var built = await factory.Services.GetRequiredService<ExportBuilder>().BuildAsync(run.Id, null, CancellationToken.None);
            if (built.Status != ExportRunStatus.Succeeded)
            {
                throw new InvalidOperationException($"The {run.Format} export of set {key} did not succeed: {built.Message}");
            }
        }

        if (archived)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.CuratedSets.Where(s => s.Id == set.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsArchived, true));
        }

        return new MatrixSet(key, set.Id, ceiling, readers, archived, runs.ToDictionary(r => r.Key, r => r.Value.Id));
    }

    private static async Task<IReadOnlyList<MatrixToken>> TokensAsync(
        IDbContextFactory<PortalDbContext> contexts, Dictionary<string, MatrixUser> users,
        Dictionary<string, MatrixOrganisation> organisations, string curatorId)
    {
        var now = DateTime.UtcNow;
        var tokens = new List<MatrixToken>();
        await using var db = await contexts.CreateDbContextAsync();

        MatrixToken Add(string key, string? user, string? organisation, ApiTokenScopes scopes, TokenState state)
        {
            var (secret, prefix) = ApiTokenSecret.Generate();
            db.ApiTokens.Add(new ApiToken
            {
                Name = key, UserId = user is null ? null : users[user].Id, OrganisationId = organisation is null ? null : organisations[organisation].Id,
                Scopes = scopes, Prefix = prefix, SecretHash = ApiTokenSecret.HashHex(secret), CreatedById = curatorId,
                CreatedAt = now.AddDays(-2),
                ExpiresAt = state == TokenState.Expired ? now.AddHours(-1) : now.AddDays(30),
                RevokedAt = state == TokenState.Revoked ? now.AddHours(-1) : null,
                RevokedById = state == TokenState.Revoked ? curatorId : null,
            });
            var token = new MatrixToken(key, user, organisation, scopes, state, secret);
            tokens.Add(token);
            return token;
        }

        foreach (var scope in Enum.GetValues<ApiTokenScopes>().Where(s => s != ApiTokenScopes.None))
        {
            foreach (var user in users.Keys)
            {
                Add($"personal:{user}:{scope}", user, null, scope, TokenState.Valid);
            }

            foreach (var organisation in organisations.Keys)
            {
                Add($"organisation:{organisation}:{scope}", null, organisation, scope, TokenState.Valid);
            }
        }

        const ApiTokenScopes everything = ApiTokenScopes.ReadCatalogue | ApiTokenScopes.DownloadExports | ApiTokenScopes.ReportSightings;
        Add("personal:consumer-A:expired", "consumer-A", null, everything, TokenState.Expired);
        Add("organisation:A:revoked", null, "A", everything, TokenState.Revoked);
        await db.SaveChangesAsync();

        tokens.Add(new MatrixToken("malformed", null, null, everything, TokenState.Malformed, "aicti_not-a-real-token"));
        return tokens;
    }
}
