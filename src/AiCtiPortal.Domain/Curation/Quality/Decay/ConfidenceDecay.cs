using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Curation.Quality.Decay;

/// <summary>
/// The decayed confidence of an indicator (README.md, "Confidence decay"). Pure: the nightly re-check applies it to
/// the confidence a person submitted, never to an already decayed value, so running it twice changes nothing.
/// <code>
/// floor   = min(submitted, Floor)
/// anchor  = max(CreatedAt, LastSeen)                      (a sighting restarts the clock)
/// h       = HalfLife(type family) × (1 + log2(1 + sightings))   (sightings slow the decay)
/// current = floor + (submitted − floor) × 2^(−age / h)    rounded, age = now − anchor (≥ 0)
/// current = floor                                          once valid-until has passed
/// </code>
/// </summary>
public static class ConfidenceDecay
{
    public readonly record struct Input(
        IndicatorType Type, int Submitted, DateTime CreatedAt, DateTime? LastSeen, DateTime? ValidUntil, int SightingCount);

    public static int Current(Input indicator, DateTime now, ConfidenceDecayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var submitted = Math.Clamp(indicator.Submitted, 0, 100);
        if (!options.Enabled)
        {
            return submitted;
        }

        var floor = Math.Min(submitted, options.Floor);
        if (indicator.ValidUntil is { } until && until < now)
        {
            return floor;
        }

        var anchor = indicator.LastSeen is { } seen && seen > indicator.CreatedAt ? seen : indicator.CreatedAt;
        var age = now - anchor;
        if (age <= TimeSpan.Zero)
        {
            return submitted;
        }

        var halfLife = options.HalfLifeOf(DecayFamilies.Of(indicator.Type)).TotalDays
            * (1 + Math.Log2(1 + Math.Max(0, indicator.SightingCount)));
        var remaining = Math.Pow(2, -age.TotalDays / halfLife);
        var current = (int)Math.Round(floor + (submitted - floor) * remaining, MidpointRounding.AwayFromZero);
        return Math.Clamp(current, floor, submitted);
    }
}
