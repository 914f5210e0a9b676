using System.Globalization;
using System.Text;
using AiCtiPortal.Engine.Artifacts.Policy;

namespace AiCtiPortal.Domain.Artifacts;

/// <summary>
/// What a policy must satisfy before it is saved: the engine must load it (<see cref="ArtifactPolicy.Load"/>), and
/// beyond that every rule needs a usable pattern and a reason, since a rule nobody can explain cannot be reviewed.
/// The row checks are public so the editor can show them as the curator types.
/// </summary>
public static class ScanPolicyRules
{
    public const int MaxReasonLength = 500;

    /// <summary>Every problem with the document, or an empty list and the loaded policy.</summary>
    public static IReadOnlyList<string> Check(string? json, out ArtifactPolicy? policy)
    {
        policy = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return ["The policy is empty; start from the current version or the built-in default."];
        }

        if (json.Length > ScanPolicyVersion.MaxJsonLength)
        {
            return [$"The policy is {json.Length:N0} characters long; the limit is {ScanPolicyVersion.MaxJsonLength:N0}."];
        }

        ScanPolicyDocument document;
        ArtifactPolicy loaded;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            loaded = ArtifactPolicy.Load(stream);
            document = ScanPolicyDocument.Parse(json);
        }
        catch (ArtifactPolicyException e)
        {
            return [e.Message];
        }

        var errors = Check(document);
        policy = errors.Count == 0 ? loaded : null;
        return errors;
    }

    public static List<string> Check(ScanPolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(document.Name))
        {
            errors.Add("Give the policy a name; verdicts record it.");
        }

        foreach (var info in ScanPolicySectionInfo.All)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var rows = document[info.Section];
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var where = $"{info.Title}, rule {i + 1} ({Shown(row.Pattern)})";
                if (PatternError(info, row.Pattern) is { } pattern)
                {
                    errors.Add($"{where}: {pattern}");
                }
                else if (!seen.Add(row.Pattern))
                {
                    errors.Add($"{where}: this pattern is already listed above.");
                }

                if (ReasonError(row.Reason) is { } reason)
                {
                    errors.Add($"{where}: {reason}");
                }
            }
        }

        var froms = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Aliases.Count; i++)
        {
            var alias = document.Aliases[i];
            var where = $"Module aliases, row {i + 1} ({Shown(alias.From)})";
            if (AliasError(alias.From) is { } from)
            {
                errors.Add($"{where}: the old name {from}");
            }
            else if (!froms.Add(alias.From))
            {
                errors.Add($"{where}: this module is already renamed above.");
            }

            if (AliasError(alias.To) is { } to)
            {
                errors.Add($"{where}: the new name {to}");
            }
        }

        return errors;
    }

    /// <summary>Why a pattern cannot be used in <paramref name="section"/>, or null when it can.</summary>
    public static string? PatternError(ScanPolicySectionInfo section, string? pattern)
    {
        ArgumentNullException.ThrowIfNull(section);
        pattern ??= "";
        if (pattern.Length == 0)
        {
            // The ONNX default domain is the empty string; everywhere else an empty pattern matches nothing.
            return section.Section == ScanPolicySection.OnnxStandardDomains ? null : $"write a pattern, for example {section.Example}.";
        }

        if (pattern.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "a pattern cannot contain spaces or control characters.";
        }

        var allowedPunctuation = section.Section == ScanPolicySection.OnnxStandardDomains ? "_.*-" : "_.*";
        if (pattern.FirstOrDefault(c => !char.IsLetterOrDigit(c) && !allowedPunctuation.Contains(c)) is var bad && bad != default)
        {
            return $"'{bad}' cannot appear in a name; use letters, digits, '_', '.' and '*' (any characters).";
        }

        if (pattern.StartsWith('.') || pattern.EndsWith('.') || pattern.Contains("..", StringComparison.Ordinal))
        {
            return "dots separate names: none at either end and never two in a row.";
        }

        if (section.NamesGlobals && !pattern.Contains('.', StringComparison.Ordinal))
        {
            return $"a global is written module.name (for example {section.Example}); '{pattern}' alone names no global. Use '{pattern}.*' for the whole module.";
        }

        if (section.Section == ScanPolicySection.AllowedGlobals && pattern.StartsWith('*'))
        {
            // '*.x' would allow x from any module, attacker-chosen ones included: the allow-list must name modules.
            return "an allowed global must start with its module's name; a leading '*' would allow it from any module.";
        }

        return null;
    }

    public static string? ReasonError(string? reason)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length == 0)
        {
            return "give a reason, so the next curator knows why this rule exists.";
        }

        return text.Length > MaxReasonLength
            ? string.Create(CultureInfo.InvariantCulture, $"the reason is {text.Length} characters long; keep it under {MaxReasonLength}.")
            : null;
    }

    /// <summary>Why a module name cannot be an alias's old or new name, or null.</summary>
    public static string? AliasError(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "is missing.";
        }

        return name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') && !name.StartsWith('.') && !name.EndsWith('.')
            ? null
            : $"'{name}' is not a Python module name.";
    }

    private static string Shown(string? pattern) => string.IsNullOrEmpty(pattern) ? "empty" : pattern.Length > 60 ? pattern[..60] + "…" : pattern;
}
