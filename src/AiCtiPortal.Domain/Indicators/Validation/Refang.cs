using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>
/// Undoes the "defanging" analysts apply so that addresses in reports are not clickable: hxxp://, example[.]com,
/// 1.2.3[.]4, [:]//. The catalogue stores the live form; exports and the UI decide how to display it.
/// </summary>
internal static partial class Refang
{
    public static string Apply(string value, IndicatorCheck check)
    {
        var refanged = Scheme().Replace(value, m => m.Groups[1].Value.Length > 0 ? "https" : "http");
        refanged = Dot().Replace(refanged, ".");
        refanged = refanged.Replace("[://]", "://", StringComparison.Ordinal)
            .Replace("[:]", ":", StringComparison.Ordinal)
            .Replace("[/]", "/", StringComparison.Ordinal)
            .Replace("[@]", "@", StringComparison.Ordinal);
        if (refanged != value)
        {
            check.Note($"Refanged the defanged form (hxxp, [.], [:]) to {refanged}.");
        }

        return refanged;
    }

    [GeneratedRegex("^h(?:xx|\\*\\*)p(s?)(?=\\[?:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Dot();
}
