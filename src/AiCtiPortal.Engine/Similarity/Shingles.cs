using System.Text;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// Turns texts and name lists into the sets MinHash works on. Normalisation (lower case, collapsed whitespace)
/// makes trivially re-typed prompts and reports land on the same shingles.
/// </summary>
public static class Shingles
{
    /// <summary>Lower-cases (invariant culture) and collapses every run of whitespace to one space, trimmed.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Word k-shingles of the normalised text (words joined by one space). A text with fewer than k words yields
    /// one shingle holding all of them, so short prompts still have a non-empty set; an empty text yields none.
    /// </summary>
    public static HashSet<string> Words(string text, int k = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var words = Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (words.Length == 0)
        {
            return set;
        }

        if (words.Length <= k)
        {
            set.Add(string.Join(' ', words));
            return set;
        }

        for (var i = 0; i + k <= words.Length; i++)
        {
            set.Add(string.Join(' ', words, i, k));
        }

        return set;
    }

    /// <summary>
    /// Character k-shingles of the normalised text; robust to small edits inside words. Texts shorter than k
    /// yield one shingle holding the whole normalised text.
    /// </summary>
    public static HashSet<string> Characters(string text, int k = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var normalized = Normalize(text);
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (normalized.Length == 0)
        {
            return set;
        }

        if (normalized.Length <= k)
        {
            set.Add(normalized);
            return set;
        }

        for (var i = 0; i + k <= normalized.Length; i++)
        {
            set.Add(normalized.Substring(i, k));
        }

        return set;
    }

    /// <summary>
    /// Normalised set of imported names (e.g. the globals a pickle imports). Names are case-sensitive in Python,
    /// so only whitespace is normalised: a pickle GLOBAL's "module\nname" or "module name" becomes
    /// "module.name"; blank entries are dropped.
    /// </summary>
    public static HashSet<string> ImportSet(IEnumerable<string?> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var parts = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            set.Add(string.Join('.', parts));
        }

        return set;
    }
}
