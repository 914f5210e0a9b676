using System.Text.RegularExpressions;

namespace AiCtiPortal.Engine.Artifacts.Gguf;

/// <summary>
/// Looks for Jinja server-side template injection in chat templates (the CVE-2024-34359 class): templates rendered
/// without a sandbox can walk from any object to Python internals. Legitimate chat templates only loop over messages
/// and format strings, so dunder attributes, attr() filters and the known gadget objects have no business there.
/// </summary>
internal static partial class ChatTemplateInspector
{
    private static readonly (string Label, Regex Pattern, bool Critical)[] Rules =
    [
        ("dunder attribute access", DunderPattern(), true),
        ("__import__ / os.popen / subprocess", ImportPattern(), true),
        ("gadget object __init__ chain (cycler, joiner, namespace, lipsum, self, config, request)", GadgetPattern(), true),
        ("lipsum / cycler / joiner globals", GadgetGlobalPattern(), false),
        ("attr filter (attribute access by computed name)", AttrFilterPattern(), false),
        ("dunder name built by string concatenation or escapes", ConcatenationPattern(), true),
        ("mro / subclasses / globals / builtins reference", InternalsPattern(), true),
    ];

    public sealed record Result(bool Critical, IReadOnlyList<string> Labels, string Snippet);

    public static Result? Inspect(string template)
    {
        var labels = new List<string>();
        bool critical = false;
        int first = -1;
        foreach (var (label, pattern, isCritical) in Rules)
        {
            Match match;
            try
            {
                match = pattern.Match(template);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (!match.Success)
            {
                continue;
            }

            labels.Add(label);
            critical |= isCritical;
            first = first < 0 ? match.Index : Math.Min(first, match.Index);
        }

        return labels.Count == 0 ? null : new Result(critical, labels, Snippet(template, first));
    }

    /// <summary>The Jinja block ({{ }} or {% %}) around the first match, or a window of text, at most 300 characters.</summary>
    private static string Snippet(string template, int index)
    {
        int open = Math.Max(template.LastIndexOf("{{", index, StringComparison.Ordinal), template.LastIndexOf("{%", index, StringComparison.Ordinal));
        int start = open >= 0 && index - open < 300 ? open : Math.Max(0, index - 40);
        int close = template.IndexOfAny(['}'], index);
        int end = close >= 0 && close - start < 300 ? Math.Min(template.Length, close + 2) : Math.Min(template.Length, start + 300);
        return template[start..end].Trim();
    }

    [GeneratedRegex(@"__(?:class|mro|subclasses|globals|builtins|init|base|bases|dict|getattribute|import|code|reduce|reduce_ex|loader|spec)__", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DunderPattern();

    [GeneratedRegex(@"\b(?:import_module|__import__|popen|subprocess|os\.system|os\.popen|eval|exec)\b\s*\(?", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ImportPattern();

    [GeneratedRegex(@"\b(?:cycler|joiner|namespace|lipsum|self|config|request|url_for|get_flashed_messages)\s*\.\s*(?:__|_TemplateReference__context|_module|environment|globals)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GadgetPattern();

    [GeneratedRegex(@"\b(?:lipsum|cycler|joiner)\b", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GadgetGlobalPattern();

    [GeneratedRegex(@"\|\s*attr\s*\(|\battr\s*\(\s*['""]", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AttrFilterPattern();

    [GeneratedRegex(@"['""]_{1,2}['""]\s*[~+*]|[~+]\s*['""]_{1,2}['""]|\\x5f\\x5f|\\u005f|['""]_['""]\s*\*\s*2|\|\s*join\b[^}]{0,40}_", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ConcatenationPattern();

    [GeneratedRegex(@"\b(?:mro|subclasses|func_globals|f_globals|gi_frame|builtins)\b\s*\(?", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InternalsPattern();
}
