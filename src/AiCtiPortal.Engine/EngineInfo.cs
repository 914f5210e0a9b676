namespace AiCtiPortal.Engine;

/// <summary>Name and version recorded with every verdict and fingerprint the engine produces.</summary>
public static class EngineInfo
{
    public const string Name = "aicti-engine";

    public static string Version { get; } =
        typeof(EngineInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
