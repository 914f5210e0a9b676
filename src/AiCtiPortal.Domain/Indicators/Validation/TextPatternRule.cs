using System.Globalization;
using System.Text;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>
/// Prompt-injection, jailbreak and chat-template text. Canonical form: invisible characters removed, Unicode NFKC
/// (full-width and compatibility look-alikes folded), whitespace runs collapsed to one space, trimmed. Case is kept:
/// the similarity engine folds case itself when shingling, and the stored text should read as reported.
/// </summary>
internal sealed class TextPatternRule : IIndicatorRule
{
    public const int MinLength = 8;
    public const int MaxLength = 8192;

    public string? Normalize(string value, IndicatorCheck check)
    {
        var visible = RemoveInvisible(value, check);
        var folded = visible.Normalize(NormalizationForm.FormKC);
        if (folded != visible)
        {
            check.Note("Applied Unicode NFKC normalisation: compatibility characters (full-width letters, ligatures, ...) were folded to their plain forms.");
        }

        var collapsed = CollapseWhitespace(folded);
        if (collapsed.Length < MinLength)
        {
            return check.Fail($"A pattern is at least {MinLength} characters so that it does not match ordinary text; this has {collapsed.Length} after normalisation.");
        }

        if (collapsed.Length > MaxLength)
        {
            return check.Fail($"A pattern is at most {MaxLength} characters; this has {collapsed.Length}. Keep the distinctive part and describe the rest.");
        }

        return collapsed;
    }

    // Zero-width, bidi and tag characters hide instructions from human reviewers; their presence is itself a signal,
    // so the note says what was removed, and spells out text smuggled in Unicode tag characters.
    private static string RemoveInvisible(string value, IndicatorCheck check)
    {
        var kept = new StringBuilder(value.Length);
        var removed = new SortedDictionary<int, int>();
        var smuggled = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var invisible = category == UnicodeCategory.Format ||
                            (category == UnicodeCategory.Control && !Rune.IsWhiteSpace(rune));
            if (!invisible)
            {
                kept.Append(rune.ToString());
                continue;
            }

            removed[rune.Value] = removed.GetValueOrDefault(rune.Value) + 1;
            if (rune.Value is >= 0xE0020 and <= 0xE007E)
            {
                smuggled.Append((char)(rune.Value - 0xE0000));
            }
        }

        if (removed.Count > 0)
        {
            var total = removed.Values.Sum();
            var list = string.Join(", ", removed.Take(8).Select(kv => $"U+{kv.Key:X4}{(kv.Value > 1 ? $" ×{kv.Value}" : "")}"));
            check.Note($"Removed {total} invisible character{(total == 1 ? "" : "s")} ({list}{(removed.Count > 8 ? ", ..." : "")}). Hidden characters in a prompt are themselves an evasion signal: mention them in the description.");
        }

        if (smuggled.Length > 0)
        {
            check.Note($"The removed Unicode tag characters spell hidden text: \"{smuggled}\".");
        }

        return kept.ToString();
    }

    private static string CollapseWhitespace(string value)
    {
        var result = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
