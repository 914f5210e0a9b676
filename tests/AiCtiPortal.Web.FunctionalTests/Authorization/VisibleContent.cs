using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Authorization;

public sealed record ReportFacts(Guid Id, string Title, string Summary, Tlp Tlp, ContentStatus Status, string AuthorId);

public sealed record IndicatorFacts(Guid Id, IndicatorType Type, string Value, string NormalizedValue, Tlp Tlp, ContentStatus Status, string CreatedById);

/// <summary>
/// Every report and indicator read straight from the database, and the TLP rule written out again here, on purpose
/// independently of the portal's TlpClearance: published items up to the audience's ceiling, plus the viewer's own
/// items in any state. Ceilings: anonymous CLEAR; contributors and reviewers GREEN; curators RED (every level);
/// consumers the highest clearance among their organisations.
/// </summary>
public sealed class VisibleContent
{
    private readonly Dictionary<string, string> _userIdsByEmail;
    private readonly Tlp _consumerClearance;

    private VisibleContent(
        List<ReportFacts> reports, List<IndicatorFacts> indicators, ILookup<Guid, Guid> indicatorsOfReport,
        Dictionary<string, string> userIdsByEmail, Tlp consumerClearance)
    {
        Reports = reports;
        Indicators = indicators;
        IndicatorsOfReport = indicatorsOfReport;
        _userIdsByEmail = userIdsByEmail;
        _consumerClearance = consumerClearance;
    }

    public IReadOnlyList<ReportFacts> Reports { get; }

    public IReadOnlyList<IndicatorFacts> Indicators { get; }

    public ILookup<Guid, Guid> IndicatorsOfReport { get; }

    public Tlp ConsumerClearance => _consumerClearance;

    public string? UserIdOf(Audience audience) =>
        audience == Audience.Anonymous ? null : UserIdOf(Audiences.EmailOf(audience));

    public string UserIdOf(string email) => _userIdsByEmail.TryGetValue(email.ToUpperInvariant(), out var id)
        ? id
        : throw new InvalidOperationException($"No user {email} in the database.");

    public Tlp CeilingOf(Audience audience) => audience switch
    {
        Audience.Anonymous => Tlp.Clear,
        Audience.Contributor or Audience.Reviewer => Tlp.Green,
        Audience.Curator => Tlp.Red,
        Audience.Consumer => _consumerClearance,
        _ => throw new ArgumentOutOfRangeException(nameof(audience)),
    };

    public bool CanSee(Audience audience, ReportFacts report) =>
        (report.Status == ContentStatus.Published && report.Tlp <= CeilingOf(audience)) || IsOwn(audience, report.AuthorId);

    public bool CanSee(Audience audience, IndicatorFacts indicator) =>
        (indicator.Status == ContentStatus.Published && indicator.Tlp <= CeilingOf(audience)) || IsOwn(audience, indicator.CreatedById);

    public IEnumerable<ReportFacts> ReportsFor(Audience audience) => Reports.Where(r => CanSee(audience, r));

    public IEnumerable<IndicatorFacts> IndicatorsFor(Audience audience) => Indicators.Where(i => CanSee(audience, i));

    /// <summary>
    /// What the catalogue pages (/reports, /indicators) list: published items only, under the same rule (an author's
    /// own published items count whatever their TLP); drafts and submissions live under /my/submissions.
    /// </summary>
    public IEnumerable<ReportFacts> CatalogueReportsFor(Audience audience) =>
        ReportsFor(audience).Where(r => r.Status == ContentStatus.Published);

    public IEnumerable<IndicatorFacts> CatalogueIndicatorsFor(Audience audience) =>
        IndicatorsFor(audience).Where(i => i.Status == ContentStatus.Published);

    private bool IsOwn(Audience audience, string ownerId) => UserIdOf(audience) is { } me && me == ownerId;

    public static async Task<VisibleContent> LoadAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var reports = await db.Reports.AsNoTracking()
            .Select(r => new ReportFacts(r.Id, r.Title, r.Summary, r.Tlp, r.Status, r.AuthorId)).ToListAsync();
        var indicators = await db.Indicators.AsNoTracking()
            .Select(i => new IndicatorFacts(i.Id, i.Type, i.Value, i.NormalizedValue, i.Tlp, i.Status, i.CreatedById)).ToListAsync();
        var links = await db.Set<ReportIndicator>().AsNoTracking().Select(l => new { l.ReportId, l.IndicatorId }).ToListAsync();

        var userIds = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null)
            .ToDictionaryAsync(u => u.NormalizedEmail!, u => u.Id);
        var consumerId = userIds[Audiences.EmailOf(Audience.Consumer).ToUpperInvariant()];
        var clearances = await db.OrganisationMemberships.Where(m => m.UserId == consumerId)
            .Select(m => m.Organisation!.Clearance).ToListAsync();
        return new VisibleContent(reports, indicators, links.ToLookup(l => l.ReportId, l => l.IndicatorId), userIds,
            clearances.Count == 0 ? Tlp.Clear : clearances.Max());
    }
}
