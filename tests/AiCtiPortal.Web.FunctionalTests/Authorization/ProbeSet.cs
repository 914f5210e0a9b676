using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Authorization;

/// <summary>
/// Reports and indicators the demo seed lacks: every TLP level published, submissions above and within a reviewer's
/// clearance, a reviewer's own submission, an unpublished draft and a rejected report by someone else, and a CLEAR
/// report that links an AMBER indicator. All titles carry <see cref="Marker"/>, so a search finds exactly them.
/// </summary>
public static class ProbeSet
{
    public const string Marker = "Matrix probe";
    public const string IndicatorMarker = "matrix-probe";

    private sealed record Probe(string Slug, Tlp Tlp, ContentStatus Status, bool ByReviewer = false);

    private static readonly Probe[] Probes =
    [
        new("published-clear", Tlp.Clear, ContentStatus.Published),
        new("published-green", Tlp.Green, ContentStatus.Published),
        new("published-amber", Tlp.Amber, ContentStatus.Published),
        new("published-amber-strict", Tlp.AmberStrict, ContentStatus.Published),
        new("published-red", Tlp.Red, ContentStatus.Published),
        new("in-review-green", Tlp.Green, ContentStatus.InReview),
        new("in-review-amber", Tlp.Amber, ContentStatus.InReview),
        new("draft-clear", Tlp.Clear, ContentStatus.Draft),
        new("rejected-clear", Tlp.Clear, ContentStatus.Rejected),
        new("reviewers-own-green", Tlp.Green, ContentStatus.InReview, ByReviewer: true),
    ];

    /// <summary>Adds the probes (authored by a fresh contributor, or the demo reviewer) and returns the route samples.</summary>
    public static async Task<SampleIds> SeedAsync(PortalFactory factory)
    {
        var outsider = await factory.CreateUserAsync("Correct-Horse-42", PortalRoles.Contributor);
        await using var scope = factory.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var reviewerEmail = Audiences.EmailOf(Audience.Reviewer).ToUpperInvariant();
        var reviewerId = await db.Users.Where(u => u.NormalizedEmail == reviewerEmail).Select(u => u.Id).SingleAsync();

        var now = DateTime.UtcNow;
        var reports = new Dictionary<string, ThreatReport>();
        foreach (var probe in Probes)
        {
            var authorId = probe.ByReviewer ? reviewerId : outsider.Id;
            var report = new ThreatReport
            {
                Title = $"{Marker} {probe.Slug}",
                Summary = "Seeded by the authorisation matrix tests.",
                BodyMarkdown = "Probe body.",
                Phases = SupplyChainPhase.ModelArtifact,
                Tlp = probe.Tlp,
                Status = probe.Status,
                AuthorId = authorId,
                CreatedAt = now.AddDays(-2),
                UpdatedAt = now.AddDays(-1),
                SubmittedAt = probe.Status == ContentStatus.Draft ? null : now.AddDays(-1),
                PublishedAt = probe.Status == ContentStatus.Published ? now.AddHours(-1) : null,
            };
            report.Indicators.Add(new ReportIndicator { Report = report, Indicator = IndicatorFor(probe, authorId, now) });
            reports[probe.Slug] = report;
            db.Reports.Add(report);
        }

        // A CLEAR report may cite an AMBER indicator: its page must still hide that indicator from viewers below AMBER.
        var amberIndicator = reports["published-amber"].Indicators[0].Indicator!;
        reports["published-clear"].Indicators.Add(new ReportIndicator { Report = reports["published-clear"], Indicator = amberIndicator });
        await db.SaveChangesAsync();

        return await SamplesAsync(db, reports["in-review-green"].Id);
    }

    private static Indicator IndicatorFor(Probe probe, string authorId, DateTime now)
    {
        var validation = IndicatorCatalogue.Validate(IndicatorType.Url, $"https://{IndicatorMarker}.example.com/{probe.Slug}");
        var normalized = validation.NormalizedValue
            ?? throw new InvalidOperationException($"Probe URL for {probe.Slug} is invalid: {string.Join(" ", validation.Errors)}");
        return new Indicator
        {
            Type = IndicatorType.Url,
            Value = normalized,
            NormalizedValue = normalized,
            ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.Url, normalized),
            Phases = SupplyChainPhase.ModelArtifact,
            Tlp = probe.Tlp,
            Status = probe.Status,
            CreatedById = authorId,
            CreatedAt = now.AddDays(-2),
            UpdatedAt = now.AddDays(-1),
        };
    }

    /// <summary>Route samples from the demo seed where it has one, so the matrix runs against real content.</summary>
    private static async Task<SampleIds> SamplesAsync(PortalDbContext db, Guid greenInReview)
    {
        var contributorEmail = Audiences.EmailOf(Audience.Contributor).ToUpperInvariant();
        var contributorId = await db.Users.Where(u => u.NormalizedEmail == contributorEmail).Select(u => u.Id).SingleAsync();
        var demoReports = db.Reports.Where(r => !r.Title.StartsWith(Marker));
        var publishedClear = await demoReports
            .Where(r => r.Status == ContentStatus.Published && r.Tlp == Tlp.Clear).Select(r => r.Id).FirstAsync();
        var contributorDraft = await demoReports
            .Where(r => r.Status == ContentStatus.Draft && r.AuthorId == contributorId).Select(r => r.Id).FirstAsync();
        var clearIndicator = await db.Indicators
            .Where(i => i.Status == ContentStatus.Published && i.Tlp == Tlp.Clear && !i.NormalizedValue.Contains(IndicatorMarker))
            .Select(i => i.Id).FirstAsync();
        return new SampleIds(publishedClear, contributorDraft, greenInReview, clearIndicator);
    }
}
