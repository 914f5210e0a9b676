using System.Text;

namespace AiCtiPortal.Domain.Exports.Misp;

/// <summary>
/// Text as JSON can carry it. Quotes, backslashes and control characters need nothing here (the JSON writer escapes
/// them); an unpaired UTF-16 surrogate does, as UTF-8 cannot encode it and the writer would throw mid-export, so one
/// pasted half-character would fail a whole set. It becomes U+FFFD, as a UTF-8 decoder would render it.
/// </summary>
internal static class MispText
{
    public static string Clean(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return clean.ToString();
    }
}
