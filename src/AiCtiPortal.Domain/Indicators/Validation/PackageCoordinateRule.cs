using System.Buffers;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>
/// One release of a package: "ecosystem/name/version". Names are canonicalised the way each registry compares them
/// (PyPI per PEP 503, NuGet, Cargo and conda lowercase); npm, Maven, Go and RubyGems are case-sensitive and keep case.
/// </summary>
internal sealed partial class PackageCoordinateRule : IIndicatorRule
{
    private static readonly Dictionary<string, string> EcosystemAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pypi"] = "pypi", ["pip"] = "pypi",
        ["npm"] = "npm",
        ["conda"] = "conda",
        ["cargo"] = "cargo", ["crates.io"] = "cargo", ["crates"] = "cargo",
        ["maven"] = "maven",
        ["nuget"] = "nuget",
        ["go"] = "go", ["golang"] = "go",
        ["rubygems"] = "rubygems", ["gem"] = "rubygems",
    };

    private static readonly string Ecosystems = "pypi, npm, conda, cargo, maven, nuget, go, rubygems";

    private static readonly SearchValues<char> RangeCharacters = SearchValues.Create("<>=~^*|, []()");

    public string? Normalize(string value, IndicatorCheck check)
    {
        if (PackageUrl.IsPurl(value))
        {
            var converted = PackageUrl.ToPortalForm(value, check);
            if (converted is null)
            {
                return null;
            }

            value = converted;
        }

        var firstSlash = value.IndexOf('/', StringComparison.Ordinal);
        var lastSlash = value.LastIndexOf('/');
        if (firstSlash <= 0 || lastSlash == firstSlash)
        {
            return check.Fail($"Write a package as ecosystem/name/version, for example pypi/torchtriton/2.0.0 or npm/@scope/name/1.2.3 (ecosystems: {Ecosystems}); a package URL such as pkg:pypi/torchtriton@2.0.0 also works.");
        }

        if (!EcosystemAliases.TryGetValue(value[..firstSlash], out var ecosystem))
        {
            return check.Fail($"'{value[..firstSlash]}' is not an ecosystem the catalogue knows; use one of {Ecosystems}.");
        }

        var name = value[(firstSlash + 1)..lastSlash];
        var version = value[(lastSlash + 1)..];
        var canonicalName = NormalizeName(ecosystem, name, check);
        var canonicalVersion = NormalizeVersion(ecosystem, version, check);
        return canonicalName is null || canonicalVersion is null || check.HasErrors
            ? null
            : $"{ecosystem}/{canonicalName}/{canonicalVersion}";
    }

    private static string? NormalizeName(string ecosystem, string name, IndicatorCheck check)
    {
        switch (ecosystem)
        {
            case "pypi":
                if (!PyPiName().IsMatch(name))
                {
                    return check.Fail($"'{name}' is not a valid PyPI name: letters, digits, '-', '_' and '.', starting and ending with a letter or digit.");
                }

                var pep503 = Separators().Replace(name, "-").ToLowerInvariant();
                if (pep503 != name)
                {
                    check.Note($"Normalised the PyPI name as pip compares names (PEP 503: lowercase, runs of '-', '_' and '.' become '-'): {pep503}.");
                }

                return pep503;
            case "npm":
                return NpmName().IsMatch(name) && name.Length <= 214
                    ? name
                    : check.Fail($"'{name}' is not a valid npm name: name or @scope/name, using letters, digits, '-', '.', '_' and '~', at most 214 characters.");
            case "conda":
                return Lowered(name, CondaName(), "conda", "lowercase letters, digits, '-', '_', '.' and '+'", check);
            case "cargo":
                return Lowered(name, CargoName(), "crates.io", "a letter, then letters, digits, '-' and '_', at most 64 characters", check);
            case "nuget":
                return Lowered(name, NuGetName(), "NuGet", "letters, digits, '-', '_' and '.', at most 100 characters", check);
            case "maven":
                var parts = name.Split(['/', ':']);
                return parts.Length == 2 && parts.All(MavenPart().IsMatch)
                    ? $"{parts[0]}:{parts[1]}"
                    : check.Fail($"A Maven package is groupId:artifactId, for example maven/org.example:library/1.0.0; '{name}' is not.");
            case "go":
                return GoModule().IsMatch(name)
                    ? name
                    : check.Fail($"'{name}' is not a Go module path such as github.com/owner/module.");
            default:
                return RubyGemName().IsMatch(name)
                    ? name
                    : check.Fail($"'{name}' is not a valid gem name: letters, digits, '-', '_' and '.'.");
        }
    }

    private static string? Lowered(string name, Regex rule, string registry, string ruleText, IndicatorCheck check)
    {
        if (!rule.IsMatch(name))
        {
            return check.Fail($"'{name}' is not a valid {registry} name: {ruleText}.");
        }

        var lowered = name.ToLowerInvariant();
        if (lowered != name)
        {
            check.Note($"{registry} names ignore case; stored lowercased.");
        }

        return lowered;
    }

    private static string? NormalizeVersion(string ecosystem, string version, IndicatorCheck check)
    {
        if (version.Length == 0)
        {
            return check.Fail("Add the version after the last '/': an indicator names one release, not a whole package.");
        }

        if (version.AsSpan().IndexOfAny(RangeCharacters) >= 0 || WildcardVersion().IsMatch(version) ||
            version.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return check.Fail($"'{version}' is a version range or a moving tag; an indicator names one exact release, such as 2.0.0.");
        }

        if (!VersionText().IsMatch(version))
        {
            return check.Fail($"'{version}' is not a version: letters, digits, '.', '-', '_', '+' and '!' only.");
        }

        if (ecosystem == "go" && !version.StartsWith('v'))
        {
            return check.Fail($"Go module versions start with 'v' (v1.2.3, or a pseudo-version v0.0.0-20240101000000-abcdef123456); '{version}' does not. Did you leave out the version?");
        }

        return version;
    }

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")]
    private static partial Regex PyPiName();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();

    [GeneratedRegex("^(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$")]
    private static partial Regex NpmName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.+-]*$")]
    private static partial Regex CondaName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex CargoName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex NuGetName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex MavenPart();

    [GeneratedRegex("^[A-Za-z0-9.~_-]+(?:/[A-Za-z0-9.~_+-]+)*$")]
    private static partial Regex GoModule();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex RubyGemName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+!-]*$")]
    private static partial Regex VersionText();

    [GeneratedRegex(@"(?:^|\.)[xX](?:\.|$)")]
    private static partial Regex WildcardVersion();
}
