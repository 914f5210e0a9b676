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

/// <summary>GET /api/v1/indicators, /indicators/{id} and /indicators/lookup: the published indicators, as /indicators shows them.</summary>
internal static class IndicatorEndpoints
{
    /// <summary>The /indicators page's page size, the API's default.</summary>
    public const int DefaultPageSize = 25;

    public static void MapIndicatorReads(this RouteGroupBuilder api)
    {
        api.MapGet("/indicators", SearchAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.ReadCatalogue))
            .WithName("ApiSearchIndicators")
            .WithTags("Indicators")
            .WithSummary("Search published indicators")
            .WithDescription("The /indicators page's search: q matches the value as entered and its normalised form (a hash " +
                "prefix matches); type and tlp take comma-separated names. Only indicators at or below the token's clearance " +
                "are listed or counted. Unknown values answer 400.")
            .Produces<ApiPage<ApiIndicatorSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/indicators/lookup", LookupAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.ReadCatalogue))
            .WithName("ApiLookupIndicator")
            .WithTags("Indicators")
            .WithSummary("Look up a value seen in the wild")
            .WithDescription("What a scanner calls: the value is normalised by the indicator catalogue exactly as submissions " +
                "are (case, encoding, URL and hash forms) and matched by its value hash. 200 lists the published indicators " +
                "carrying it that the token may see; 404 when there are none; 400 when the value is not valid for the type.")
            .Produces<ApiLookup>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/indicators/{id:guid}", DetailAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.ReadCatalogue))
            .WithName("ApiGetIndicator")
            .WithTags("Indicators")
            .WithSummary("Read one published indicator")
            .WithDescription("The indicator with its sighting totals and the published reports (visible to the token) that " +
                "cite it. An indicator above the token's clearance answers 404, exactly like one that does not exist.")
            .Produces<ApiIndicator>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SearchAsync(
        HttpContext context, ICatalogueSearch catalogue,
        [FromQuery] string? q, [FromQuery] string? type, [FromQuery] string? tlp, [FromQuery] string? sort,
        [FromQuery] string? page, [FromQuery] string? pageSize, CancellationToken ct)
    {
        var caller = ApiCaller.From(context.User)!;
        var errors = new ApiQueryErrors();
        errors.EnumList<IndicatorType>("type", type);
        errors.EnumList<Tlp>("tlp", tlp);
        errors.Sort<IndicatorCatalogueSort>(sort);
        var size = errors.Paging(page, pageSize, DefaultPageSize);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors.Errors, "The search parameters are not valid");
        }

        var query = IndicatorCatalogueUrl.Parse(q, type, tlp, sort, page).ToQuery(size) with { IncludeFacets = false };
        var result = await catalogue.SearchIndicatorsAsync(query, caller.Clearance, caller.UserId, ct);
        var items = result.Items.Select(i => new ApiIndicatorSummary(
            i.Id, i.Type.ToString(), i.NormalizedValue, i.Tlp.ToString(), i.Confidence, i.UpdatedAt)).ToList();
        return TypedResults.Ok(new ApiPage<ApiIndicatorSummary>(items, result.Page, result.PageSize, result.TotalCount, result.PageCount));
    }

    private static async Task<IResult> LookupAsync(
        HttpContext context, IDbContextFactory<PortalDbContext> contexts,
        [FromQuery] string? type, [FromQuery] string? value, CancellationToken ct)
    {
        var viewer = ApiCaller.From(context.User)!.Viewer;
        var errors = new List<string>();
        var parsed = ApiIndicatorTypes.Parse(type, "type", errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("value is required: the indicator value to look up.");
        }

        if (parsed is not { } indicatorType || errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "The lookup is not valid");
        }

        var validation = IndicatorCatalogue.Validate(indicatorType, value);
        if (!validation.IsValid)
        {
            return ApiResults.Invalid(
                [$"value is not a valid {IndicatorCatalogue.Describe(indicatorType).DisplayName}: {string.Join(" ", validation.Errors)}"],
                "The lookup is not valid");
        }

        var hash = IndicatorCatalogue.ValueHash(indicatorType, validation.NormalizedValue!);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var matches = await db.Indicators.AsNoTracking().VisibleTo(viewer)
            .Where(i => i.Status == ContentStatus.Published && i.Type == indicatorType && i.ValueHash == hash)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => new ApiIndicatorSummary(i.Id, i.Type.ToString(), i.NormalizedValue, i.Tlp.ToString(), i.Confidence, i.UpdatedAt))
            .ToListAsync(ct);
        return matches.Count == 0
            ? ApiResults.Problem(StatusCodes.Status404NotFound, "Not found",
                "No published indicator visible to this token has this value.")
            : TypedResults.Ok(new ApiLookup(indicatorType.ToString(), validation.NormalizedValue!, hash, matches));
    }

    private static async Task<IResult> DetailAsync(
        Guid id, HttpContext context, IDbContextFactory<PortalDbContext> contexts, CancellationToken ct)
    {
        var viewer = ApiCaller.From(context.User)!.Viewer;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var indicator = await db.Indicators.AsNoTracking().VisibleTo(viewer)
            .FirstOrDefaultAsync(i => i.Id == id && i.Status == ContentStatus.Published, ct);
        if (indicator is null)
        {
            return ApiResults.NotFound("indicator");
        }

        var reports = await db.Reports.AsNoTracking().VisibleTo(viewer)
            .Where(r => r.Status == ContentStatus.Published && r.ProposalForId == null && r.Indicators.Any(l => l.IndicatorId == id))
            .OrderByDescending(r => r.PublishedAt).ThenBy(r => r.Id)
            .Select(r => new ApiReportLink(r.Id, r.Title, r.Tlp.ToString()))
            .ToListAsync(ct);
        return TypedResults.Ok(new ApiIndicator(
            indicator.Id, indicator.Type.ToString(), indicator.Value, indicator.NormalizedValue, indicator.ValueHash,
            indicator.Description, ApiNames.Phases(indicator.Phases), indicator.Tlp.ToString(), indicator.Confidence,
            indicator.CreatedAt, indicator.UpdatedAt, indicator.FirstSeen, indicator.LastSeen, indicator.ValidUntil,
            indicator.SightingCount, reports));
    }
}
