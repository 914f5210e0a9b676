using System.Net;
using System.Text;
using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Exports.Stix;

/// <summary>
/// The STIX pattern of each catalogue type, built from the normalised value. Standard cyber-observable objects where
/// STIX has one (file hashes with the SHA-256, TLSH and SSDEEP vocabulary names, url, domain-name, ipv4/ipv6-addr,
/// software); text patterns as a MATCHES over an artifact's payload; the AI-specific identifiers STIX lacks (hub
/// repositories, datasets, pickle imports) as custom properties and objects with the x-aicti prefix, as STIX 2.1
/// section 11 allows, so a consumer that does not know them skips them rather than mismatching.
/// </summary>
public static class StixPatterns
{
    public static string For(IndicatorType type, string normalizedValue)
    {
        ArgumentNullException.ThrowIfNull(normalizedValue);
        var v = normalizedValue;
        return type switch
        {
            IndicatorType.ModelFileSha256 or IndicatorType.DatasetSha256 => $"[file:hashes.'SHA-256' = {Quote(v)}]",
            IndicatorType.ModelFileTlsh => $"[file:hashes.TLSH = {Quote(v)}]",
            IndicatorType.ModelFileSsdeep => $"[file:hashes.SSDEEP = {Quote(v)}]",
            IndicatorType.Url => $"[url:value = {Quote(v)}]",
            IndicatorType.Domain => $"[domain-name:value = {Quote(v)}]",
            IndicatorType.IpAddress => IPAddress.TryParse(v, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"[ipv6-addr:value = {Quote(v)}]"
                : $"[ipv4-addr:value = {Quote(v)}]",
            IndicatorType.PackageCoordinate => Package(v),
            IndicatorType.PickleImport => $"[file:x_aicti_pickle_imports[*] = {Quote(v)}]",
            IndicatorType.ModelHubRepository => $"[x-aicti-model-repository:value = {Quote(v)}]",
            IndicatorType.DatasetIdentifier => $"[x-aicti-dataset:value = {Quote(v)}]",
            IndicatorType.PromptInjectionPattern or IndicatorType.JailbreakPattern or IndicatorType.ChatTemplatePattern =>
                $"[artifact:payload_bin MATCHES {Quote(TextRegex(v))}]",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No STIX pattern is defined for this indicator type."),
        };
    }

    /// <summary>A pattern string literal: quotes and backslashes are the only characters the grammar escapes.</summary>
    public static string Quote(string value) => $"'{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";

    /// <summary>ecosystem/name/version, where npm and Maven names may themselves contain a slash.</summary>
    private static string Package(string value)
    {
        var first = value.IndexOf('/');
        var last = value.LastIndexOf('/');
        if (first <= 0 || last <= first)
        {
            throw new ArgumentException($"'{value}' is not a normalised package coordinate (ecosystem/name/version).", nameof(value));
        }

        return $"[software:name = {Quote(value[(first + 1)..last])} AND software:version = {Quote(value[(last + 1)..])} " +
            $"AND software:x_aicti_ecosystem = {Quote(value[..first])}]";
    }

    /// <summary>A case-insensitive PCRE matching the text literally, with any run of whitespace matching any other.</summary>
    private static string TextRegex(string text)
    {
        var regex = new StringBuilder("(?i)");
        var inSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    regex.Append(@"\s+");
                }

                inSpace = true;
                continue;
            }

            inSpace = false;
            if (@"\^$.|?*+()[]{}/".Contains(c))
            {
                regex.Append('\\');
            }

            regex.Append(c);
        }

        return regex.ToString();
    }
}
