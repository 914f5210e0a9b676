namespace AiCtiPortal.Domain.Indicators;

/// <summary>The AI-specific indicator catalogue. Stored by name, so new types append without renumbering.</summary>
public enum IndicatorType
{
    ModelFileSha256,
    ModelFileTlsh,
    ModelFileSsdeep,
    PickleImport,
    ModelHubRepository,
    DatasetIdentifier,
    DatasetSha256,
    PackageCoordinate,
    PromptInjectionPattern,
    JailbreakPattern,
    ChatTemplatePattern,
    Url,
    Domain,
    IpAddress,
}
