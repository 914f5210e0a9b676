using System.Text.RegularExpressions;

namespace AiCtiPortal.Engine.Artifacts.Policy;

/// <summary>
/// A glob over "module.name" ("*" matches any run of characters, dots included) with the reason a curator gave for it.
/// </summary>
public sealed class PolicyRule
{
    private readonly Regex _regex;

    public PolicyRule(string pattern, string reason, bool ignoreCase)
    {
        Pattern = pattern;
        Reason = reason;
        string body = Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal);
        _regex = new Regex(
            $"^{body}$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None),
            TimeSpan.FromSeconds(1));
    }

    public string Pattern { get; }

    public string Reason { get; }

    public bool Matches(string value) => _regex.IsMatch(value);
}
