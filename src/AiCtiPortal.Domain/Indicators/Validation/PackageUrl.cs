namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>Converts a package URL (purl, pkg:type/namespace/name@version) into the portal's ecosystem/name/version.</summary>
internal static class PackageUrl
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pypi"] = "pypi",
        ["npm"] = "npm",
        ["conda"] = "conda",
        ["cargo"] = "cargo",
        ["maven"] = "maven",
        ["nuget"] = "nuget",
        ["golang"] = "go",
        ["gem"] = "rubygems",
    };

    public static bool IsPurl(string value) => value.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase);

    public static string? ToPortalForm(string purl, IndicatorCheck check)
    {
        var rest = purl[4..].TrimStart('/');
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
            check.Note("Dropped the purl subpath (after '#'): the indicator names the whole package release.");
        }

        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            check.Note($"Dropped the purl qualifiers '{rest[(query + 1)..]}'.");
            rest = rest[..query];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return check.Fail("A package URL reads pkg:type/name@version, for example pkg:pypi/torchtriton@2.0.0.");
        }

        var type = rest[..slash];
        if (!Types.TryGetValue(type, out var ecosystem))
        {
            return check.Fail($"Package URLs of type '{type}' are not supported; the types are {string.Join(", ", Types.Keys)}.");
        }

        // The version follows the last '@' that does not open a path segment (an unencoded npm scope does that).
        var path = rest[(slash + 1)..];
        var at = path.LastIndexOf('@');
        if (at <= 0 || path[at - 1] == '/')
        {
            return check.Fail($"Add the version to the package URL: pkg:{type}/{path}@<version>. An indicator names one release, not a whole package.");
        }

        var version = Uri.UnescapeDataString(path[(at + 1)..]);
        var segments = path[..at].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length == 0)
        {
            return check.Fail("The package URL has no package name.");
        }

        var name = ecosystem == "maven" && segments.Length == 2
            ? $"{segments[0]}:{segments[1]}"
            : string.Join('/', segments);
        var portal = $"{ecosystem}/{name}/{version}";
        check.Note($"Converted the package URL to the portal form {portal}.");
        return portal;
    }
}
