using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Security;
using AiCtiPortal.Web.Security.ApiTokens;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.Api;

/// <summary>
/// POST /api/v1/indicators (scope SubmitIndicators): indicators become a draft report that the review workflow
/// creates and submits, exactly as the editor's "Submit" does, so reviewers see it in their queue and the audit trail
/// records its creation and submission by the token's owner.
/// </summary>
internal static class SubmissionEndpoints
{
    public const long BodyLimit = 1024 * 1024;

    public static void MapSubmissions(this RouteGroupBuilder api) =>
        api.MapPost("/indicators", SubmitAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.SubmitIndicators))
            .WithName("ApiSubmitIndicators")
            .WithTags("Submissions")
            .WithSummary("Submit indicators for review")
            .WithDescription("Creates a draft report from title, summary, tlp and indicators [{type, value, description}] and " +
                "submits it for review as the token's owner. Every value is validated and normalised by the indicator " +
                $"catalogue; 400 lists every invalid value. At most {SubmissionDraft.MaxIndicators} indicators and " +
                $"{BodyLimit / (1024 * 1024)} MiB per request (413 above). Organisation tokens cannot submit: a submission " +
                "needs an accountable author.")
            .WithMetadata(new ApiJsonBodyMetadata(typeof(ApiSubmission)))
            .Produces<ApiSubmissionResult>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> SubmitAsync(
        HttpContext context, ReportWorkflow workflow, IDbContextFactory<PortalDbContext> contexts, CancellationToken ct)
    {
        var caller = ApiCaller.From(context.User)!;
        if (caller.UserId is not { } authorId)
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Insufficient scope",
                "Organisation tokens cannot submit indicators; use a personal token of a contributor.");
        }

        var (body, error) = await ApiJsonBody.ReadAsync<ApiSubmission>(context, BodyLimit, ct);
        if (error is not null)
        {
            return error;
        }

        var (built, errors) = SubmissionDraft.Build(body!, caller.TokenName);
        if (built is null)
        {
            return ApiResults.Invalid(errors, "The submission is not valid");
        }

        WorkflowSaved submitted;
        try
        {
            var saved = await workflow.SaveDraftAsync(null, null, built.Draft, authorId, ct);
            submitted = await workflow.SubmitAsync(saved.ReportId, saved.ConcurrencyStamp, authorId, ct);
        }
        catch (WorkflowRuleException ex)
        {
            return ApiResults.Invalid(ex.Errors, "The workflow refused the submission");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var version = await db.Reports.Where(r => r.Id == submitted.ReportId).Select(r => r.Version).SingleAsync(ct);
        var indicators = await DescribeAsync(db, built, caller.Viewer, ct);
        var page = $"/reports/{submitted.ReportId}";
        return TypedResults.Created(page, new ApiSubmissionResult(submitted.ReportId, submitted.Status.ToString(), version, page, indicators));
    }

    /// <summary>Each value's normalisation notes, and whether the catalogue already publishes it (reviewers will ask).</summary>
    private static async Task<List<ApiSubmissionIndicatorResult>> DescribeAsync(
        PortalDbContext db, SubmissionDraft.Built built, Viewer viewer, CancellationToken ct)
    {
        var rows = built.Draft.Indicators.Zip(built.Validations, (row, validation) =>
            (Row: row, Normalized: validation.NormalizedValue!, validation.Notes,
             Hash: IndicatorCatalogue.ValueHash(row.Type, validation.NormalizedValue!))).ToList();
        var hashes = rows.Select(r => r.Hash).Distinct().ToList();
        var published = (await db.Indicators.AsNoTracking().VisibleTo(viewer)
                .Where(i => i.Status == ContentStatus.Published && hashes.Contains(i.ValueHash))
                .Select(i => new { i.Id, i.Type, i.ValueHash, i.CreatedAt })
                .ToListAsync(ct))
            .OrderBy(i => i.CreatedAt)
            .GroupBy(i => (i.Type, i.ValueHash))
            .ToDictionary(g => g.Key, g => g.First().Id);
        return rows.Select((r, index) => new ApiSubmissionIndicatorResult(
                index, r.Row.Type.ToString(), r.Row.Value, r.Normalized, r.Notes,
                published.TryGetValue((r.Row.Type, r.Hash), out var id) ? id : null))
            .ToList();
    }
}
