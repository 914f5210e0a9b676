using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Data.Seeding;

/// <summary>
/// The demo reports: fictional incidents modelled on real classes of attack on the AI supply chain. Every host,
/// address and hash is made up (documentation domains and ranges: example.com/.net/.org, 192.0.2.0/24,
/// 198.51.100.0/24, 203.0.113.0/24).
/// </summary>
internal static partial class DemoReports
{
    public static IReadOnlyList<DemoReport> All() => [.. ModelArtifactReports(), .. DataAndDependencyReports(), .. InferenceAndDeploymentReports()];
}
