using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>A DNS name: refanged, lowercased, without the trailing dot, internationalised names in punycode.</summary>
internal sealed partial class DomainRule : IIndicatorRule
{
    private static readonly IdnMapping Idn = new();

    public string? Normalize(string value, IndicatorCheck check)
    {
        value = Refang.Apply(value, check);
        if (value.Contains("://", StringComparison.Ordinal) || value.Contains('/', StringComparison.Ordinal))
        {
            return check.Fail("This is a URL, not a domain; use the URL type, or enter only the host name (example.com).");
        }

        return NormalizeHost(value, check);
    }

    /// <summary>Shared with the URL rule's host checks.</summary>
    public static string? NormalizeHost(string value, IndicatorCheck check, bool requireTwoLabels = true)
    {
        if (value.EndsWith('.'))
        {
            value = value.TrimEnd('.');
            check.Note("Removed the trailing dot (the DNS root).");
        }

        if (IPAddress.TryParse(value.Trim('[', ']'), out _) && (value.Contains(':', StringComparison.Ordinal) || Ipv4Like().IsMatch(value)))
        {
            return check.Fail("This is an IP address; use the IP address type.");
        }

        if (value.Contains('*', StringComparison.Ordinal))
        {
            return check.Fail("Wildcards are not supported; enter the domain itself (example.com), which also covers reports about its subdomains.");
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            return check.Fail("A domain has no port; enter only the host name.");
        }

        // Check ASCII labels before IDNA so the message names the offending label rather than the whole name.
        foreach (var label in value.ToLowerInvariant().Split('.'))
        {
            if (label.Length == 0)
            {
                return check.Fail($"'{value}' has an empty label (two dots in a row, or a dot at the start).");
            }

            if (label.All(char.IsAscii) && !Label().IsMatch(label))
            {
                return check.Fail(LabelError(label));
            }
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(value.ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            return check.Fail($"'{value}' is not a valid domain name: it has an empty label, a character DNS does not allow, or a label too long.");
        }

        ascii = ascii.ToLowerInvariant();
        if (!value.All(char.IsAscii))
        {
            check.Note($"Converted the internationalised name to punycode ({ascii}); look-alike (homograph) domains are common in phishing.");
        }

        var labels = ascii.Split('.');
        if (requireTwoLabels && labels.Length < 2)
        {
            return check.Fail($"A domain has at least two labels, such as example.com; '{value}' has one.");
        }

        if (ascii.Length > 253)
        {
            return check.Fail($"A domain is at most 253 characters; this has {ascii.Length}.");
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || !Label().IsMatch(label))
            {
                return check.Fail(LabelError(label));
            }
        }

        if (labels[^1].All(char.IsAsciiDigit))
        {
            return check.Fail("The last label (the top-level domain) cannot be all digits.");
        }

        return ascii;
    }

    private static string LabelError(string label) =>
        $"The label '{label}' is not valid: labels are 1-63 letters, digits and hyphens, and do not start or end with a hyphen.";

    // Underscores are not valid in host names but occur in DNS names (service records, some malware subdomains).
    [GeneratedRegex("^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^\d+(?:\.\d+){3}$")]
    private static partial Regex Ipv4Like();
}
