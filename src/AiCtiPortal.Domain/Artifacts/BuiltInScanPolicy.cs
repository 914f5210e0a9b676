using AiCtiPortal.Engine.Artifacts.Policy;

namespace AiCtiPortal.Domain.Artifacts;

/// <summary>The engine's embedded default policy as a document curators can start from (version 0).</summary>
internal static class BuiltInScanPolicy
{
    // The engine embeds its default under this name (see AiCtiPortal.Engine.csproj); ArtifactPolicy.Default reads it.
    private const string ResourceName = "AiCtiPortal.Engine.Artifacts.Policy.default-policy.json";

    private static readonly Lazy<CurrentScanPolicy> Value = new(Load);

    public static CurrentScanPolicy Current => Value.Value;

    private static CurrentScanPolicy Load()
    {
        using var stream = typeof(ArtifactPolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new ArtifactPolicyException($"The embedded resource {ResourceName} is missing from the engine assembly.");
        using var reader = new StreamReader(stream);
        return new CurrentScanPolicy(CurrentScanPolicy.BuiltInNumber, reader.ReadToEnd(), ArtifactPolicy.Default, null);
    }
}
