using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>What an indicator of a type needs beyond a valid value; a page can show it before the contributor saves.</summary>
[Flags]
public enum IndicatorNeeds
{
    None = 0,

    /// <summary>Patterns and fuzzy digests mean little alone: say where it was seen and what it does.</summary>
    Description = 1,

    /// <summary>Network infrastructure changes hands: a last-seen or valid-until date lets it age out.</summary>
    TimeBounds = 2,

    /// <summary>A hub repository or dataset should name the revision that held the malicious content.</summary>
    PinnedRevision = 4,
}

/// <summary>The required fields per indicator type: the basis of the "required fields" checks.</summary>
public static class IndicatorRequirements
{
    private static readonly IndicatorNeeds[] ByType = Enum.GetValues<IndicatorType>().Select(Needs).ToArray();

    /// <summary>Every indicator also needs a value and at least one supply-chain phase; these are the extras.</summary>
    public static IndicatorNeeds Of(IndicatorType type) =>
        (uint)type < (uint)ByType.Length ? ByType[(int)type] : IndicatorNeeds.None;

    private static IndicatorNeeds Needs(IndicatorType type) => type switch
    {
        IndicatorType.PromptInjectionPattern or IndicatorType.JailbreakPattern or IndicatorType.ChatTemplatePattern
            or IndicatorType.ModelFileTlsh or IndicatorType.ModelFileSsdeep => IndicatorNeeds.Description,
        IndicatorType.Url or IndicatorType.Domain or IndicatorType.IpAddress => IndicatorNeeds.TimeBounds,
        IndicatorType.ModelHubRepository or IndicatorType.DatasetIdentifier => IndicatorNeeds.PinnedRevision,

        // Exact hashes, pickle globals and package releases identify exactly one thing and never stop doing so.
        _ => IndicatorNeeds.None,
    };
}
