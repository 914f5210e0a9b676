using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>
/// One IPv4 or IPv6 address in canonical text (RFC 5952 for IPv6). IPv4 is parsed strictly as a dotted quad:
/// IPAddress.Parse also accepts "127.1" and hex forms, which a reader would not recognise as the same address.
/// </summary>
internal sealed partial class IpAddressRule : IIndicatorRule
{
    public string? Normalize(string value, IndicatorCheck check)
    {
        value = Refang.Apply(value, check);
        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            value = value[1..^1];
        }

        if (value.Contains('/', StringComparison.Ordinal))
        {
            return check.Fail("A network range (CIDR) is not one address; enter one address per indicator.");
        }

        var address = value.Contains(':', StringComparison.Ordinal) ? ParseV6(value, check) : ParseV4(value, check);
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
            check.Note("Converted the IPv4-mapped IPv6 address to plain IPv4.");
        }

        NoteRange(address, check);
        return address.ToString();
    }

    private static IPAddress? ParseV6(string value, IndicatorCheck check)
    {
        if (Ipv4WithPort().IsMatch(value))
        {
            check.Fail("Remove the port: an IP address indicator is the address alone.");
            return null;
        }

        if (value.Contains('%', StringComparison.Ordinal))
        {
            check.Fail("Remove the zone index (the part after '%'): it names an interface on one machine.");
            return null;
        }

        if (!IPAddress.TryParse(value, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            check.Fail($"'{value}' is not a valid IPv6 address, such as 2001:db8::1.");
            return null;
        }

        return address;
    }

    private static IPAddress? ParseV4(string value, IndicatorCheck check)
    {
        var match = DottedQuad().Match(value);
        if (!match.Success)
        {
            check.Fail($"'{value}' is not an IP address: IPv4 is four numbers 0-255 separated by dots (203.0.113.7), IPv6 is hexadecimal groups separated by colons (2001:db8::1).");
            return null;
        }

        var bytes = new byte[4];
        var leadingZeros = false;
        for (var i = 0; i < 4; i++)
        {
            var text = match.Groups[i + 1].Value;
            var number = int.Parse(text, CultureInfo.InvariantCulture);
            if (number > 255)
            {
                check.Fail($"Each part of an IPv4 address is 0-255; {number} is too large.");
                return null;
            }

            leadingZeros |= text.Length > 1 && text[0] == '0';
            bytes[i] = (byte)number;
        }

        if (leadingZeros)
        {
            check.Note("Read the parts with leading zeros as decimal; some software reads them as octal, a known way to disguise an address.");
        }

        return new IPAddress(bytes);
    }

    private static void NoteRange(IPAddress address, IndicatorCheck check)
    {
        var range = Describe(address);
        if (range is not null)
        {
            check.Note($"This is a {range} address: it is not reachable on the internet, so it only means something inside one network or in documentation.");
        }
    }

    private static string? Describe(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }

        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return (b[0], b[1], b[2]) switch
            {
                (0, _, _) => "\"this network\" (0.0.0.0/8)",
                (10, _, _) => "private (10.0.0.0/8)",
                (172, >= 16 and <= 31, _) => "private (172.16.0.0/12)",
                (192, 168, _) => "private (192.168.0.0/16)",
                (100, >= 64 and <= 127, _) => "shared carrier-grade NAT (100.64.0.0/10)",
                (169, 254, _) => "link-local (169.254.0.0/16)",
                (192, 0, 2) => "documentation (192.0.2.0/24)",
                (198, 51, 100) => "documentation (198.51.100.0/24)",
                (203, 0, 113) => "documentation (203.0.113.0/24)",
                (>= 224 and <= 239, _, _) => "multicast",
                (>= 240, _, _) => "reserved",
                _ => null,
            };
        }

        if (address.Equals(IPAddress.IPv6None))
        {
            return "unspecified";
        }

        return (b[0], b[1], b[2], b[3]) switch
        {
            (0x20, 0x01, 0x0d, 0xb8) => "documentation (2001:db8::/32)",
            (>= 0xfc and <= 0xfd, _, _, _) => "private (unique local, fc00::/7)",
            (0xfe, >= 0x80 and <= 0xbf, _, _) => "link-local (fe80::/10)",
            (0xff, _, _, _) => "multicast",
            _ => null,
        };
    }

    [GeneratedRegex(@"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{1,3}){3}:\d+$")]
    private static partial Regex Ipv4WithPort();
}
