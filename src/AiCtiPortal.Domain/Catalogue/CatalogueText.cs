using System.Text;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// What a user typed into a catalogue search box, turned into provider queries that cannot be injected: words for
/// titles and summaries (each a prefix, all required), and one phrase for indicator values (hashes, URLs, package
/// coordinates), which must be at least <see cref="MinValueLength"/> characters so a trigram or prefix index applies.
/// </summary>
internal sealed class CatalogueText
{
    public const int MinValueLength = 3;
    private const int MaxWords = 8;
    private const int MaxLength = 200;

    private CatalogueText(IReadOnlyList<string> words, string phrase)
    {
        Words = words;
        Phrase = phrase;
    }

    public IReadOnlyList<string> Words { get; }

    public string Phrase { get; }

    public bool MatchesValues => Phrase.Length >= MinValueLength;

    /// <summary>Everything a match depends on, for reusing matches of the same text.</summary>
    public string Key => string.Join(' ', Words) + "\u001f" + Phrase;

    /// <summary>Null when nothing searchable was typed (blank or punctuation only).</summary>
    public static CatalogueText? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        trimmed = trimmed.Length > MaxLength ? trimmed[..MaxLength] : trimmed;
        var words = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetterOrDigit))
            .Take(MaxWords)
            .ToList();
        return words.Count == 0 ? null : new CatalogueText(words, trimmed.ToLowerInvariant());
    }

    /// <summary>FTS5: every word a quoted phrase (its tokens in order), the last token a prefix; implicit AND.</summary>
    public string Fts5Words() => string.Join(" ", Words.Select(Fts5Phrase));

    public string Fts5Value() => Fts5Phrase(Phrase);

    /// <summary>PostgreSQL to_tsquery: quoted lexemes, each a prefix (:*), AND-ed.</summary>
    public string TsQuery() =>
        string.Join(" & ", Words.Select(w => $"'{w.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)}':*"));

    /// <summary>
    /// PostgreSQL ILIKE pattern: the phrase (or its last <paramref name="maxLength"/> characters) anywhere in the
    /// value, with LIKE's wildcards escaped.
    /// </summary>
    public string LikePattern(int maxLength = MaxLength)
    {
        var escaped = new StringBuilder("%");
        foreach (var c in Phrase.AsSpan(Math.Max(0, Phrase.Length - maxLength)))
        {
            if (c is '%' or '_' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.Append('%').ToString();
    }

    private static string Fts5Phrase(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"*";
}
