using System.Globalization;
using System.Net.Http.Headers;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Taxii;

/// <summary>
/// One curated set of its own per test: a report published on a day no other test (or the demo data) uses, so the
/// set's date range selects exactly what the test seeded. Readers: an AMBER-cleared and a GREEN-cleared organisation;
/// a third organisation is not a reader. The set's ceiling is AMBER, and it also holds a RED indicator the ceiling
/// must keep out.
/// </summary>
public sealed record TaxiiWorld(
    Guid SetId, string AmberToken, string GreenToken, string OutsiderToken, string NoScopeToken, Guid ReportId,
    IReadOnlyList<Guid> GreenIndicators, Guid AmberIndicator, Guid RedIndicator, DateTime SharedTimestamp, DateTime LaterTimestamp,
    string TechniqueId)
{
    public const string Password = "Correct-Horse-42";

    public string Collection => $"/taxii2/api/collections/{SetId}/";

    private static int _nextDay;

    /// <param name="sharing">How many GREEN indicators share one date added (their UpdatedAt).</param>
    public static async Task<TaxiiWorld> SeedAsync(PortalFactory factory, int sharing)
    {
        var day = new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Interlocked.Increment(ref _nextDay) * 3);
        var shared = day.AddHours(1).AddTicks(1234567); // below the microsecond, as SQLite keeps it
        var later = day.AddHours(2);
        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        var tokens = factory.Services.GetRequiredService<ApiTokenService>();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        var amber = new Organisation { Name = $"TAXII amber {Guid.NewGuid():N}", Clearance = Tlp.Amber };
        var green = new Organisation { Name = $"TAXII green {Guid.NewGuid():N}", Clearance = Tlp.Green };
        var outsider = new Organisation { Name = $"TAXII outsider {Guid.NewGuid():N}", Clearance = Tlp.Red };
        db.Organisations.AddRange(amber, green, outsider);

        Indicator NewIndicator(Tlp tlp, DateTime updated) => new()
        {
            Type = IndicatorType.Domain,
            Value = $"taxii-{Guid.NewGuid():N}.example",
            NormalizedValue = "",
            Tlp = tlp,
            Status = ContentStatus.Published,
            Confidence = 70,
            CreatedById = curator.Id,
            CreatedAt = day,
            UpdatedAt = updated,
        };

        var greens = Enumerable.Range(0, sharing).Select(_ => NewIndicator(Tlp.Green, shared)).ToList();
        var amberIndicator = NewIndicator(Tlp.Amber, later);
        var redIndicator = NewIndicator(Tlp.Red, later);
        var all = greens.Append(amberIndicator).Append(redIndicator).ToList();
        foreach (var indicator in all)
        {
            indicator.NormalizedValue = indicator.Value;
            indicator.ValueHash = IndicatorCatalogue.ValueHash(indicator.Type, indicator.NormalizedValue);
        }

        const string technique = "AML.T0010";
        var report = new ThreatReport
        {
            Title = $"TAXII report {day:yyyy-MM-dd}",
            Summary = "Poisoned model files served from look-alike domains.",
            BodyMarkdown = "Body.",
            Tlp = Tlp.Green,
            Status = ContentStatus.Published,
            AuthorId = curator.Id,
            CreatedAt = day,
            UpdatedAt = later,
            PublishedAt = day.AddHours(1),
            Techniques = [new ReportTechnique { TechniqueId = technique }],
            References = [new ReportReference { Url = "https://example.org/advisory", Title = "Advisory" }],
        };
        db.Indicators.AddRange(all);
        db.Reports.Add(report);
        db.ReportIndicators.AddRange(all.Select(i => new ReportIndicator { ReportId = report.Id, IndicatorId = i.Id }));

        var set = new CuratedSet
        {
            Name = $"TAXII set {day:yyyy-MM-dd}",
            Description = "Look-alike domains serving poisoned models.",
            TlpCeiling = Tlp.Amber,
            PublishedFrom = day,
            PublishedTo = day.AddDays(1),
            CreatedById = curator.Id,
            UpdatedById = curator.Id,
        };
        set.Readers.Add(new CuratedSetReader { SetId = set.Id, OrganisationId = amber.Id });
        set.Readers.Add(new CuratedSetReader { SetId = set.Id, OrganisationId = green.Id });
        db.CuratedSets.Add(set);
        await db.SaveChangesAsync();

        async Task<string> OrganisationToken(Organisation organisation, ApiTokenScopes scopes) =>
            (await tokens.CreateForOrganisationAsync(organisation.Id, curator.Id,
                new ApiTokenRequest($"TAXII {scopes}", scopes, DateTime.UtcNow.AddDays(30)))).Token;

        return new TaxiiWorld(
            set.Id,
            await OrganisationToken(amber, ApiTokenScopes.DownloadExports),
            await OrganisationToken(green, ApiTokenScopes.DownloadExports),
            await OrganisationToken(outsider, ApiTokenScopes.DownloadExports),
            await OrganisationToken(amber, ApiTokenScopes.ReadCatalogue),
            report.Id,
            greens.Select(i => i.Id).ToList(),
            amberIndicator.Id,
            redIndicator.Id,
            shared,
            later,
            technique);
    }
}

/// <summary>The portal with a per-token limit high enough for paging through thousands of objects.</summary>
public abstract class TaxiiPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:RateLimit:PermitLimit", 10_000.ToString(CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteTaxiiPortalFactory : TaxiiPortalFactory
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresTaxiiPortalFactory : TaxiiPortalFactory
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}

/// <summary>Requests as a TAXII client sends them.</summary>
internal static class TaxiiClient
{
    public const string MediaType = "application/taxii+json;version=2.1";

    public static async Task<HttpResponseMessage> GetAsync(PortalFactory factory, string url, string? token, string accept = MediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await factory.CreatePortalClient().SendAsync(request);
    }
}
