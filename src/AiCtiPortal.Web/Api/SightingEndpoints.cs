using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Sightings;
using AiCtiPortal.Web.Security.ApiTokens;

namespace AiCtiPortal.Web.Api;

/// <summary>
/// A sighting as a client sends it. <see cref="Id"/> is the client's own idempotency key: a retry with the same id
/// is answered with the first sighting and not counted again.
/// </summary>
public sealed record ApiSightingRequest(
    Guid? IndicatorId, string? Type, string? Value, DateTime? SeenAt, int? Count, string? Source, string? Note, string? Id);

public sealed record ApiSightingResult(
    Guid SightingId, Guid IndicatorId, int SightingCount, DateTime? FirstSeen, DateTime? LastSeen, bool Replayed);

/// <summary>POST /api/v1/sightings (scope ReportSightings).</summary>
internal static class SightingEndpoints
{
    public const long BodyLimit = 16 * 1024;

    public static void MapSightings(this RouteGroupBuilder api) =>
        api.MapPost("/sightings", RecordAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.ReportSightings))
            .WithName("ApiReportSighting")
            .WithTags("Sightings")
            .WithSummary("Report that an indicator was seen")
            .WithDescription("Name the indicator by indicatorId, or by type and value (normalised as lookups are). seenAt " +
                "(UTC, with its offset) defaults to now and count to 1. Only published indicators the token may see can be " +
                "reported; others answer 404. Send your own id to make retries safe: a repeated id answers 200 with the " +
                $"first sighting and counts nothing. Bodies above {BodyLimit / 1024} KiB answer 413.")
            .WithMetadata(new ApiJsonBodyMetadata(typeof(ApiSightingRequest)))
            .Produces<ApiSightingResult>(StatusCodes.Status201Created)
            .Produces<ApiSightingResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> RecordAsync(HttpContext context, SightingService sightings, CancellationToken ct)
    {
        var caller = ApiCaller.From(context.User)!;
        var (body, error) = await ApiJsonBody.ReadAsync<ApiSightingRequest>(context, BodyLimit, ct);
        if (error is not null)
        {
            return error;
        }

        var errors = new List<string>();
        // A missing type is the rules' to report (with the rest); a misspelt one is reported here.
        var type = body!.Type is null ? null : ApiIndicatorTypes.Parse(body.Type, "type", errors);

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors, "The sighting is not valid");
        }

        var request = new SightingRequest
        {
            IndicatorId = body.IndicatorId,
            Type = type,
            Value = body.Value,
            // An explicit offset is converted; a timestamp without one stays "unspecified", which the rules refuse.
            SeenAt = body.SeenAt is { Kind: DateTimeKind.Local } local ? local.ToUniversalTime() : body.SeenAt,
            Count = body.Count,
            Source = body.Source,
            Note = body.Note,
            ClientId = body.Id,
        };
        var reporter = new SightingReporter(caller.TokenId, caller.UserId, caller.OrganisationId, caller.Clearance);
        try
        {
            var outcome = await sightings.RecordAsync(request, reporter, ct);
            if (outcome.Status == SightingStatus.NotFound)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found",
                    "No published indicator visible to this token matches; look it up first, or check its id.");
            }

            var result = new ApiSightingResult(outcome.SightingId!.Value, outcome.IndicatorId!.Value, outcome.SightingCount,
                outcome.FirstSeen, outcome.LastSeen, outcome.Status == SightingStatus.Replayed);
            return outcome.Status == SightingStatus.Replayed
                ? TypedResults.Ok(result)
                : TypedResults.Created($"{ApiV1.Prefix}/indicators/{result.IndicatorId}", result);
        }
        catch (WorkflowRuleException ex)
        {
            return ApiResults.Invalid(ex.Errors, "The sighting is not valid");
        }
        catch (SightingConflictException ex)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Sighting id already used", ex.Message);
        }
    }
}
