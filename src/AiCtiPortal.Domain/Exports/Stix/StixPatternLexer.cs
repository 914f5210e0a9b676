namespace AiCtiPortal.Domain.Exports.Stix;

internal enum PatternToken
{
    End, And, Or, Not, FollowedBy, Like, Matches, IsSuperset, IsSubset, Exists, Last, In, Start, Stop, Seconds, True,
    False, Within, Repeats, Times, Identifier, HyphenatedIdentifier, IntPos, IntNeg, FloatPos, FloatNeg, String, Binary,
    Hex, Timestamp, Eq, Neq, Lt, Le, Gt, Ge, Colon, Dot, Comma, LParen, RParen, LBrack, RBrack, Asterisk, Other,
}

internal readonly record struct PatternLexeme(PatternToken Kind, int Position, string Text);

/// <summary>
/// Splits a STIX pattern into tokens as the specification's lexer does: longest match first, keywords before
/// identifiers on a tie, whitespace and comments skipped, anything unusable an <see cref="PatternToken.Other"/> token.
/// </summary>
internal static class StixPatternLexer
{
    private static readonly Dictionary<string, PatternToken> Keywords = new(StringComparer.Ordinal)
    {
        ["AND"] = PatternToken.And, ["OR"] = PatternToken.Or, ["NOT"] = PatternToken.Not,
        ["FOLLOWEDBY"] = PatternToken.FollowedBy, ["LIKE"] = PatternToken.Like, ["MATCHES"] = PatternToken.Matches,
        ["ISSUPERSET"] = PatternToken.IsSuperset, ["ISSUBSET"] = PatternToken.IsSubset, ["EXISTS"] = PatternToken.Exists,
        ["LAST"] = PatternToken.Last, ["IN"] = PatternToken.In, ["START"] = PatternToken.Start, ["STOP"] = PatternToken.Stop,
        ["SECONDS"] = PatternToken.Seconds, ["true"] = PatternToken.True, ["false"] = PatternToken.False,
        ["WITHIN"] = PatternToken.Within, ["REPEATS"] = PatternToken.Repeats, ["TIMES"] = PatternToken.Times,
    };

    public static List<PatternLexeme> Tokenize(string pattern)
    {
        var tokens = new List<PatternLexeme>();
        var i = 0;
        while (true)
        {
            i = SkipTrivia(pattern, i);
            if (i >= pattern.Length)
            {
                tokens.Add(new PatternLexeme(PatternToken.End, i, ""));
                return tokens;
            }

            var (kind, length) = Longest(pattern, i);
            tokens.Add(new PatternLexeme(kind, i, pattern.Substring(i, length)));
            i += length;
        }
    }

    private static int SkipTrivia(string s, int i)
    {
        while (i < s.Length)
        {
            if (IsSpace(s[i]))
            {
                i++;
            }
            else if (At(s, i, "/*") && s.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0)
            {
                i = close + 2;
            }
            else if (At(s, i, "//"))
            {
                while (i < s.Length && s[i] is not '\r' and not '\n')
                {
                    i++;
                }
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\u000B' or '\u000C' or '\u0085' or '\u00a0'
        or '\u1680' or (>= '\u2000' and <= '\u200a') or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000';

    /// <summary>The longest token starting at <paramref name="i"/>; the first candidate wins a tie, as in the grammar.</summary>
    private static (PatternToken Kind, int Length) Longest(string s, int i)
    {
        (PatternToken Kind, int Length) best = (PatternToken.Other, 1);
        void Offer(PatternToken kind, int length)
        {
            if (length > best.Length || (length == best.Length && best.Kind == PatternToken.Other && length > 0))
            {
                best = (kind, length);
            }
        }

        // Literals with a prefix letter come first: t'...' must not lex as the identifier "t".
        Offer(PatternToken.Timestamp, TimestampLength(s, i));
        Offer(PatternToken.Hex, PrefixedQuotedLength(s, i, 'h', IsHexBody));
        Offer(PatternToken.Binary, PrefixedQuotedLength(s, i, 'b', IsBase64Body));
        Offer(PatternToken.String, StringLength(s, i));
        var numberLength = NumberLength(s, i, out var numberKind);
        Offer(numberKind, numberLength);

        var plain = IdentifierLength(s, i, hyphens: false);
        var hyphenated = IdentifierLength(s, i, hyphens: true);
        if (plain > 0 && Keywords.TryGetValue(s.Substring(i, plain), out var keyword))
        {
            Offer(keyword, plain);
        }

        Offer(PatternToken.Identifier, plain);
        Offer(PatternToken.HyphenatedIdentifier, hyphenated);
        foreach (var (text, kind) in Operators)
        {
            if (At(s, i, text))
            {
                Offer(kind, text.Length);
            }
        }

        return best;
    }

    private static readonly (string Text, PatternToken Kind)[] Operators =
    [
        ("==", PatternToken.Eq), ("=", PatternToken.Eq), ("!=", PatternToken.Neq), ("<>", PatternToken.Neq),
        ("<=", PatternToken.Le), ("<", PatternToken.Lt), (">=", PatternToken.Ge), (">", PatternToken.Gt),
        (":", PatternToken.Colon), (".", PatternToken.Dot), (",", PatternToken.Comma), ("(", PatternToken.LParen),
        (")", PatternToken.RParen), ("[", PatternToken.LBrack), ("]", PatternToken.RBrack), ("*", PatternToken.Asterisk),
    ];

    private static bool At(string s, int i, string text) => string.CompareOrdinal(s, i, text, 0, text.Length) == 0;

    private static int IdentifierLength(string s, int i, bool hyphens)
    {
        if (i >= s.Length || !(char.IsAsciiLetter(s[i]) || s[i] == '_'))
        {
            return 0;
        }

        var j = i + 1;
        while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '_' || (hyphens && s[j] == '-')))
        {
            j++;
        }

        return j - i;
    }

    /// <summary>'...' with \' and \\ as the only escapes; 0 when unterminated or with another escape.</summary>
    private static int StringLength(string s, int i)
    {
        if (i >= s.Length || s[i] != '\'')
        {
            return 0;
        }

        for (var j = i + 1; j < s.Length; j++)
        {
            if (s[j] == '\'')
            {
                return j - i + 1;
            }

            if (s[j] == '\\')
            {
                if (j + 1 >= s.Length || s[j + 1] is not ('\'' or '\\'))
                {
                    return 0;
                }

                j++;
            }
        }

        return 0;
    }

    private static int PrefixedQuotedLength(string s, int i, char prefix, Func<string, bool> validBody)
    {
        if (i + 2 >= s.Length || s[i] != prefix || s[i + 1] != '\'')
        {
            return 0;
        }

        var close = s.IndexOf('\'', i + 2);
        return close >= 0 && validBody(s[(i + 2)..close]) ? close - i + 1 : 0;
    }

    private static bool IsHexBody(string body) => body.Length % 2 == 0 && body.All(char.IsAsciiHexDigit);

    private static bool IsBase64Body(string body)
    {
        if (body.Length == 0 || body.Length % 4 != 0)
        {
            return false;
        }

        var padding = body.EndsWith("==", StringComparison.Ordinal) ? 2 : body.EndsWith('=') ? 1 : 0;
        return body[..^padding].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/');
    }

    private static int TimestampLength(string s, int i)
    {
        if (i + 1 >= s.Length || s[i] != 't' || s[i + 1] != '\'')
        {
            return 0;
        }

        var close = s.IndexOf('\'', i + 2);
        return close >= 0 && StixTimestamps.IsPatternTimestamp(s[(i + 2)..close]) ? close - i + 1 : 0;
    }

    /// <summary>Integers ('+'? or '-' then 0 or [1-9][0-9]*) and floats ([0-9]* '.' [0-9]+, signed likewise).</summary>
    private static int NumberLength(string s, int i, out PatternToken kind)
    {
        kind = PatternToken.Other;
        var j = i;
        var negative = false;
        if (j < s.Length && s[j] is '+' or '-')
        {
            negative = s[j] == '-';
            j++;
        }

        var digitsStart = j;
        while (j < s.Length && char.IsAsciiDigit(s[j]))
        {
            j++;
        }

        var digits = j - digitsStart;
        if (j + 1 < s.Length && s[j] == '.' && char.IsAsciiDigit(s[j + 1]))
        {
            j++;
            while (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                j++;
            }

            kind = negative ? PatternToken.FloatNeg : PatternToken.FloatPos;
            return j - i;
        }

        if (digits == 0)
        {
            return 0;
        }

        // A leading zero is a whole integer on its own: "012" lexes as 0 then 12, which no rule accepts.
        var integerDigits = s[digitsStart] == '0' ? 1 : digits;
        kind = negative ? PatternToken.IntNeg : PatternToken.IntPos;
        return digitsStart - i + integerDigits;
    }
}
