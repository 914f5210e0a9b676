namespace AiCtiPortal.Domain.Atlas.Yaml;

/// <summary>Bounds on what a YAML file may make the reader build; the ATLAS file is far below all of them.</summary>
internal sealed record YamlReadLimits(int MaxDepth = 64, long MaxExpandedNodes = 2_000_000, int MaxAliases = 10_000);
