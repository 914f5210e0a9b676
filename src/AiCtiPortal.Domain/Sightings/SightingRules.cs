using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Sightings;

/// <summary>What a sighting must satisfy before anything is looked up; every message names the field it is about.</summary>
public static class SightingRules
{
    public const int MaxCount = 1_000_000;

    /// <summary>Clients' clocks drift; a sighting a few minutes "in the future" is a skewed clock, not a forecast.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<string> Validate(SightingRequest request, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<string>();
        var byValue = request.Type is not null || !string.IsNullOrWhiteSpace(request.Value);
        if (request.IndicatorId is not null && byValue)
        {
            errors.Add("Name the indicator either by indicatorId or by type and value, not both.");
        }
        else if (request.IndicatorId is null && !byValue)
        {
            errors.Add("Name the indicator: give indicatorId, or type and value.");
        }
        else if (request.IndicatorId is null)
        {
            ValidateValue(request, errors);
        }

        if (request.SeenAt is { } seenAt)
        {
            if (seenAt.Kind != DateTimeKind.Utc)
            {
                errors.Add("seenAt must be a UTC time with its offset, for example 2026-11-23T08:15:00Z.");
            }
            else if (seenAt > now + ClockSkew)
            {
                errors.Add($"seenAt {seenAt:yyyy-MM-dd HH:mm} UTC is in the future; report sightings after they happen.");
            }
            else if (seenAt < Earliest)
            {
                errors.Add("seenAt is before the year 2000; check the timestamp's unit and format.");
            }
        }

        if (request.Count is < 1 or > MaxCount)
        {
            errors.Add($"count must be between 1 and {MaxCount:N0}.");
        }

        TooLong(errors, "source", request.Source, Sighting.MaxSourceLength);
        TooLong(errors, "note", request.Note, Sighting.MaxNoteLength);
        if (request.ClientId is { } clientId &&
            (clientId.Length is 0 or > Sighting.MaxClientIdLength || !clientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
        {
            errors.Add($"id must be 1 to {Sighting.MaxClientIdLength} letters, digits, '-', '_', '.' or ':' (a UUID works).");
        }

        return errors;
    }

    private static void ValidateValue(SightingRequest request, List<string> errors)
    {
        if (request.Type is not { } type)
        {
            errors.Add("type is required with value.");
            return;
        }

        if (string.IsNullOrWhiteSpace(request.Value))
        {
            errors.Add("value is required with type.");
            return;
        }

        var validation = IndicatorCatalogue.Validate(type, request.Value);
        if (!validation.IsValid)
        {
            errors.Add($"value is not a valid {IndicatorCatalogue.Describe(type).DisplayName}: {string.Join(" ", validation.Errors)}");
        }
    }

    private static void TooLong(List<string> errors, string field, string? value, int limit)
    {
        if (value is not null && value.Length > limit)
        {
            errors.Add($"{field} is {value.Length:N0} characters long; the limit is {limit:N0}.");
        }
    }
}
