using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>
/// GET /api/v1/catalogue/counts (scope ReadCatalogue): how many published reports and indicators the caller may read.
/// The smallest endpoint that proves a scope is enforced and that the token's clearance, an organisation's included,
/// limits what it reads; the full catalogue API joins this group later.
/// </summary>
internal static class CatalogueCountsEndpoint
{
    public const string Route = "/catalogue/counts";

    public sealed record Response(int Reports, int Indicators, string Clearance);

    public static RouteHandlerBuilder MapCatalogueCounts(this RouteGroupBuilder api) =>
        api.MapGet(Route, CountAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.ReadCatalogue))
            .WithName("ApiCatalogueCounts")
            .WithSummary("How many published reports and indicators this token may read");

    private static async Task<IResult> CountAsync(HttpContext context, IDbContextFactory<PortalDbContext> contexts, CancellationToken ct)
    {
        if (ApiCaller.From(context.User) is not { } caller)
        {
            return Results.Unauthorized();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var viewer = caller.Viewer;
        var reports = await db.Reports.VisibleTo(viewer).CountAsync(r => r.Status == ContentStatus.Published, ct);
        var indicators = await db.Indicators.VisibleTo(viewer).CountAsync(i => i.Status == ContentStatus.Published, ct);
        return Results.Ok(new Response(reports, indicators, caller.Clearance.ToString()));
    }
}
