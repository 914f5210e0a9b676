using System.Net;
using System.Net.Sockets;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// What the TLP checks can tell about a cited source from its address and title alone: whether anyone on the
/// internet could reach it by name, and whether it declares a TLP marking. Whether a public page needs a login is
/// beyond what an address says, so "public" here means "not obviously internal".
/// </summary>
internal static class ReferenceSources
{
    // Names that resolve only inside an organisation (RFC 6762, RFC 8375, ICANN's .internal) or never (RFC 2606).
    private static readonly string[] InternalSuffixes =
        [".local", ".internal", ".intranet", ".corp", ".lan", ".home", ".home.arpa", ".localhost", ".private", ".test", ".invalid", ".example"];

    private static readonly (string Label, Tlp Level)[] Markings =
    [
        ("AMBER+STRICT", Tlp.AmberStrict), ("AMBER-STRICT", Tlp.AmberStrict), ("AMBER_STRICT", Tlp.AmberStrict),
        ("RED", Tlp.Red), ("AMBER", Tlp.Amber), ("GREEN", Tlp.Green), ("CLEAR", Tlp.Clear), ("WHITE", Tlp.Clear),
    ];

    public static bool IsPublic(Uri uri)
    {
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IsPublic(address);
        }

        var host = uri.IdnHost.TrimEnd('.');
        if (!host.Contains('.', StringComparison.Ordinal))
        {
            return false; // A single-label name ("wiki", "localhost") only resolves on an internal network.
        }

        foreach (var suffix in InternalSuffixes)
        {
            if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The most restrictive TLP marking written in the text ("TLP:AMBER", "TLP: RED", "tlp-amber-strict" in a file
    /// name; TLP 1.0's WHITE counts as CLEAR), or null when it names none.
    /// </summary>
    public static Tlp? Marking(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        Tlp? strongest = null;
        var span = text.AsSpan();
        for (var at = span.IndexOf("TLP", StringComparison.OrdinalIgnoreCase); at >= 0;)
        {
            var start = at + 3;
            if ((at == 0 || !char.IsLetterOrDigit(span[at - 1])) && Level(span[start..]) is { } level && (strongest is null || level > strongest))
            {
                strongest = level;
            }

            var next = span[start..].IndexOf("TLP", StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : start + next;
        }

        return strongest;
    }

    private static Tlp? Level(ReadOnlySpan<char> rest)
    {
        // Up to two separators between "TLP" and the colour: "TLP:", "TLP: ", "TLP-", "TLP_", "TLP ".
        var skipped = 0;
        while (skipped < 2 && skipped < rest.Length && rest[skipped] is ':' or ' ' or '-' or '_')
        {
            skipped++;
        }

        if (skipped == 0)
        {
            return null;
        }

        rest = rest[skipped..];
        foreach (var (label, level) in Markings)
        {
            if (rest.StartsWith(label, StringComparison.OrdinalIgnoreCase)
                && (rest.Length == label.Length || !char.IsLetter(rest[label.Length])))
            {
                return level;
            }
        }

        return null;
    }

    private static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (bytes[0] & 0xFE) == 0xFC); // fc00::/7 unique local
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || b[0] == 0);
    }
}
