using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Curation.Quality.Decay;

/// <summary>Indicator types grouped by how long they stay true; each family has its own half-life.</summary>
public enum DecayFamily
{
    Artifact,
    Reference,
    Pattern,
    Network,
}

public static class DecayFamilies
{
    public static DecayFamily Of(IndicatorType type) => type switch
    {
        IndicatorType.Url or IndicatorType.Domain or IndicatorType.IpAddress => DecayFamily.Network,
        IndicatorType.PromptInjectionPattern or IndicatorType.JailbreakPattern or IndicatorType.ChatTemplatePattern => DecayFamily.Pattern,
        IndicatorType.ModelHubRepository or IndicatorType.DatasetIdentifier or IndicatorType.PackageCoordinate => DecayFamily.Reference,
        _ => DecayFamily.Artifact,
    };
}
