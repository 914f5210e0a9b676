using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Values so common that matching them says nothing about two items being related, however few items the catalogue
/// holds yet (the frequency threshold only catches them once they are widespread). Deliberately short: an entry
/// here hides real links, so only values that occur in nearly every benign artifact of their kind belong here.
/// </summary>
public static class CommonValueWarningList
{
    /// <summary>SHA-256 of zero bytes: every empty file, placeholder or failed download has it.</summary>
    public const string EmptyFileSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// Globals every ordinary PyTorch checkpoint pickles (tensor rebuilding, storages, the state dict's
    /// OrderedDict). Two benign checkpoints share them all, so they are also left out of import-set similarity.
    /// </summary>
    public static IReadOnlySet<string> PickleImports { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter",
        "torch.FloatStorage",
        "torch.HalfStorage",
        "torch.BFloat16Storage",
        "torch.LongStorage",
        "torch.IntStorage",
        "torch.storage._load_from_bytes",
        "numpy.core.multiarray._reconstruct",
        "numpy.dtype",
        "numpy.ndarray",
        "builtins.set",
        "_codecs.encode",
    };

    /// <summary>
    /// The canonical prompt-injection phrases every jailbreak collection contains. A submission quoting one is not
    /// a duplicate of every report that quotes it; compared after Shingles.Normalize (lower case, single spaces).
    /// </summary>
    public static IReadOnlySet<string> PromptPhrases { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "ignore previous instructions",
        "ignore all previous instructions",
        "ignore the above instructions",
        "disregard previous instructions",
    };

    /// <summary>Why <paramref name="normalizedValue"/> is on the list, or null when it is not.</summary>
    public static string? Reason(IndicatorType type, string normalizedValue) => type switch
    {
        IndicatorType.ModelFileSha256 or IndicatorType.DatasetSha256
            when string.Equals(normalizedValue, EmptyFileSha256, StringComparison.OrdinalIgnoreCase) => "the SHA-256 of an empty file",
        IndicatorType.PickleImport when PickleImports.Contains(normalizedValue) => "an import every ordinary PyTorch/NumPy pickle makes",
        IndicatorType.PromptInjectionPattern or IndicatorType.JailbreakPattern or IndicatorType.ChatTemplatePattern
            when PromptPhrases.Contains(Shingles.Normalize(normalizedValue)) => "a stock prompt-injection phrase found in every jailbreak collection",
        _ => null,
    };
}
