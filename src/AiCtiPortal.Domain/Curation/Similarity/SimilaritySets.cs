using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// How an item becomes a set for MinHash: a report's text shingles, a report's pickle import set (warning-list
/// imports left out) and a prompt-pattern indicator's character shingles. The indexer and the check both use these,
/// so a stored signature and a submission's signature are always computed the same way.
/// </summary>
public static class SimilaritySets
{
    /// <summary>Words per shingle of report text: three-word phrases survive re-wording of single words.</summary>
    public const int TextShingleWords = 3;

    /// <summary>Characters per shingle of a prompt pattern: robust to small edits inside words.</summary>
    public const int PromptShingleCharacters = 5;

    internal static readonly IndicatorType[] PromptTypes =
        [IndicatorType.PromptInjectionPattern, IndicatorType.JailbreakPattern, IndicatorType.ChatTemplatePattern];

    public static bool IsPrompt(IndicatorType type) => PromptTypes.Contains(type);

    /// <summary>The text a report is compared by.</summary>
    public static HashSet<string> TextShingles(string title, string summary, string body) =>
        Shingles.Words($"{title}\n{summary}\n{body}", TextShingleWords);

    /// <summary>A report's pickle imports without the warning list's, which every benign checkpoint shares.</summary>
    public static HashSet<string> ImportSet(IEnumerable<string> imports)
    {
        var set = Shingles.ImportSet(imports);
        set.ExceptWith(CommonValueWarningList.PickleImports);
        return set;
    }

    public static HashSet<string> PromptShingles(string normalizedValue) => Shingles.Characters(normalizedValue, PromptShingleCharacters);
}
