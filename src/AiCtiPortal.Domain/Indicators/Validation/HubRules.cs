using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>
/// Naming rules of the model and dataset hubs the catalogue knows. Every one of them looks repositories up without
/// regard to case (Hugging Face, ModelScope and GitHub keep the case for display; Kaggle, Ollama and TF Hub use
/// lowercase only), so the canonical form lowercases owner and name: "Org/Model" and "org/model" are one indicator.
/// Revisions keep their case, since git branch and tag names are case-sensitive.
/// </summary>
internal sealed partial record HubRules(
    string Hub,
    Regex Owner,
    string OwnerRule,
    Regex Name,
    string NameRule,
    int MaxNameSegments,
    bool HostsDatasets)
{
    public static readonly IReadOnlyDictionary<string, HubRules> Known = new[]
    {
        new HubRules("huggingface", HfName(), HfRule, HfName(), HfRule, 1, true),
        new HubRules("modelscope", HfName(), HfRule, HfName(), HfRule, 1, true),
        new HubRules("github", GitHubOwner(), GitHubOwnerRule, GitHubRepo(), GitHubRepoRule, 1, true),
        new HubRules("pytorch-hub", GitHubOwner(), GitHubOwnerRule, GitHubRepo(), GitHubRepoRule, 1, false),
        new HubRules("kaggle", Slug(), SlugRule, Slug(), SlugRule, 4, true),
        new HubRules("tfhub", Slug(), SlugRule, Slug(), SlugRule, 4, false),
        new HubRules("ollama", Slug(), SlugRule, Slug(), SlugRule, 1, false),
    }.ToDictionary(r => r.Hub, StringComparer.Ordinal);

    public static IEnumerable<string> ModelHubs => Known.Keys;

    public static IEnumerable<string> DatasetHubs => Known.Values.Where(r => r.HostsDatasets).Select(r => r.Hub);

    private const string HfRule =
        "letters, digits, '-', '_' and '.', at most 96 characters, not starting or ending with '-' or '.', and without '--' or '..'";

    private const string GitHubOwnerRule =
        "letters, digits and single hyphens, at most 39 characters, not starting or ending with a hyphen";

    private const string GitHubRepoRule = "letters, digits, '-', '_' and '.', at most 100 characters";

    private const string SlugRule = "lowercase letters, digits, '-', '_' and '.', starting with a letter or digit";

    public string? Problem(string part, bool isOwner)
    {
        var rule = isOwner ? Owner : Name;
        if (!rule.IsMatch(part) || part is "." or "..")
        {
            return isOwner ? OwnerRule : NameRule;
        }

        return part.Contains("--", StringComparison.Ordinal) && rule == HfName() ? HfRule : null;
    }

    [GeneratedRegex("^(?!.*\\.\\.)[a-z0-9_](?:[a-z0-9_.-]{0,94}[a-z0-9_])?$")]
    private static partial Regex HfName();

    [GeneratedRegex("^(?=.{1,39}$)[a-z0-9](?:-?[a-z0-9])*$")]
    private static partial Regex GitHubOwner();

    [GeneratedRegex("^[a-z0-9._-]{1,100}$")]
    private static partial Regex GitHubRepo();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,127}$")]
    private static partial Regex Slug();
}
