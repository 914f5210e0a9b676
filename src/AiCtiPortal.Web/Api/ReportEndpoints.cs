using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Catalogue;
using AiCtiPortal.Web.Security;
using AiCtiPortal.Web.Security.ApiTokens;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.Api;

/// <summary>GET /api/v1/reports and /api/v1/reports/{id}: the published report catalogue, as the /reports pages show it.</summary>
internal static class ReportEndpoints
{
    public static void MapReports(this RouteGroupBuilder api)
    {
        api.MapGet("/reports", SearchAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.ReadCatalogue))
            .WithName("ApiSearchReports")
            .WithTags("Reports")
            .WithSummary("Search published reports")
            .WithDescription("The /reports page's search: the same parameters with the same meaning. Lists are comma-separated " +
                "(phase=Data,Training); values within a parameter are alternatives, parameters narrow each other. Only reports " +
                "at or below the token's TLP clearance are listed or counted. Unknown values answer 400.")
            .Produces<ApiPage<ApiReportSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/reports/{id:guid}", DetailAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.ReadCatalogue))
            .WithName("ApiGetReport")
            .WithTags("Reports")
            .WithSummary("Read one published report")
            .WithDescription("The report with the indicators, techniques, references and review scores the token may see. " +
                "A report above the token's clearance answers 404, exactly like one that does not exist.")
            .Produces<ApiReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SearchAsync(
        HttpContext context, ICatalogueSearch catalogue, TimeProvider clock,
        [FromQuery] string? q, [FromQuery] string? phase, [FromQuery] string? technique, [FromQuery] string? type,
        [FromQuery] string? tlp, [FromQuery] string? conf, [FromQuery] string? published, [FromQuery] string? score,
        [FromQuery] string? sort, [FromQuery] string? page, [FromQuery] string? pageSize, CancellationToken ct)
    {
        var caller = ApiCaller.From(context.User)!;
        var errors = new ApiQueryErrors();
        errors.EnumList<SupplyChainPhase>("phase", phase);
        errors.Techniques(technique);
        errors.EnumList<IndicatorType>("type", type);
        errors.EnumList<Tlp>("tlp", tlp);
        errors.Check("conf", conf, ReportCatalogueUrl.ConfidenceRange(conf) is not null, "give a range within 0-100 such as 75-100");
        errors.Check("published", published, ReportCatalogueUrl.PublishedDays(published) is not null, "give a window in days such as 7d, 30d or 365d");
        errors.Check("score", score, ReportCatalogueUrl.MinScore(score) is not null, "give a minimum review score from 1 to 5");
        errors.Sort<CatalogueSort>(sort);
        var size = errors.Paging(page, pageSize, CatalogueQuery.DefaultPageSize);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors.Errors, "The search parameters are not valid");
        }

        var url = ReportCatalogueUrl.Parse(q, phase, technique, type, tlp, conf, published, score, sort, page);
        var query = url.ToQuery(clock.GetUtcNow().UtcDateTime, size) with { IncludeFacets = false };
        var result = await catalogue.SearchReportsAsync(query, caller.Clearance, caller.UserId, ct);
        var items = result.Items.Select(r => new ApiReportSummary(
            r.Id, r.Title, r.Summary, ApiNames.Phases(r.Phases), r.Tlp.ToString(), r.Confidence, r.PublishedAt, r.Score, r.AuthorName)).ToList();
        return TypedResults.Ok(new ApiPage<ApiReportSummary>(items, result.Page, result.PageSize, result.TotalCount, result.PageCount));
    }

    private static async Task<IResult> DetailAsync(
        Guid id, HttpContext context, IDbContextFactory<PortalDbContext> contexts, ICatalogueSearch catalogue, CancellationToken ct)
    {
        var viewer = ApiCaller.From(context.User)!.Viewer;
        await using var db = await contexts.CreateDbContextAsync(ct);

        // Published only: a personal token's owner reads their own drafts in the portal, not through the catalogue API.
        var report = await db.Reports.AsNoTracking().VisibleTo(viewer)
            .Where(r => r.Id == id && r.Status == ContentStatus.Published && r.ProposalForId == null)
            .Include(r => r.References)
            .Include(r => r.Techniques)
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
        if (report is null)
        {
            return ApiResults.NotFound("report");
        }

        var author = await db.Users.Where(u => u.Id == report.AuthorId)
            .Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).FirstOrDefaultAsync(ct);
        var techniqueIds = report.Techniques.Select(t => t.TechniqueId).ToList();
        var names = await db.AtlasTechniques.Where(t => techniqueIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var indicators = await db.Indicators.AsNoTracking().VisibleTo(viewer)
            .Where(i => i.Status == ContentStatus.Published && i.Reports.Any(l => l.ReportId == id))
            .OrderBy(i => i.Type).ThenBy(i => i.NormalizedValue)
            .Select(i => new ApiIndicatorSummary(i.Id, i.Type.ToString(), i.NormalizedValue, i.Tlp.ToString(), i.Confidence, i.UpdatedAt))
            .ToListAsync(ct);
        var scores = await catalogue.ScoresAsync(id, ct);

        return TypedResults.Ok(new ApiReport(
            report.Id, report.Title, report.Summary, report.BodyMarkdown, ApiNames.Phases(report.Phases), report.Tlp.ToString(),
            report.Confidence, report.Version, report.PublishedAt, report.UpdatedAt, author,
            techniqueIds.Order(StringComparer.Ordinal).Select(t => new ApiTechnique(t, names.GetValueOrDefault(t))).ToList(),
            report.References.Select(r => new ApiReference(r.Url, r.Title)).ToList(),
            indicators,
            scores is null ? null : new ApiScores(scores.ReviewCount, scores.Overall, scores.Evidence, scores.Specificity,
                scores.Correctness, scores.Novelty, scores.Completeness)));
    }
}
