using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiCtiPortal.Engine.Artifacts.Policy;

namespace AiCtiPortal.Domain.Artifacts;

/// <summary>One rule as a curator edits it.</summary>
public sealed class ScanPolicyRuleRow
{
    public string Pattern { get; set; } = "";

    public string Reason { get; set; } = "";
}

/// <summary>One module alias (Python 2 name → Python 3 name) as a curator edits it.</summary>
public sealed class ScanPolicyAliasRow
{
    public string From { get; set; } = "";

    public string To { get; set; } = "";
}

/// <summary>
/// A policy document as editable rows, and back to the engine's JSON. Properties the editor does not know (for
/// example "description") are kept as they were, in their place, so a round trip changes only what was edited.
/// </summary>
public sealed class ScanPolicyDocument
{
    private const string AliasesName = "moduleAliases";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Reasons are shown to people and compared in diffs: keep quotes and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonObject _original;

    private ScanPolicyDocument(JsonObject original) => _original = original;

    public string Name { get; set; } = "";

    public Dictionary<ScanPolicySection, List<ScanPolicyRuleRow>> Rules { get; } =
        ScanPolicySectionInfo.All.ToDictionary(s => s.Section, _ => new List<ScanPolicyRuleRow>());

    public List<ScanPolicyAliasRow> Aliases { get; } = [];

    public List<ScanPolicyRuleRow> this[ScanPolicySection section] => Rules[section];

    /// <summary>Reads the rows out of a policy document; throws <see cref="ArtifactPolicyException"/> on a wrong shape.</summary>
    public static ScanPolicyDocument Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ArtifactPolicyException($"The policy is not valid JSON: {e.Message}", e);
        }

        if (root is not JsonObject obj)
        {
            throw new ArtifactPolicyException("The policy must be a JSON object.");
        }

        var document = new ScanPolicyDocument(obj);
        try
        {
            document.Name = obj["name"] is JsonValue name && name.TryGetValue<string>(out var text) ? text : "";
            foreach (var info in ScanPolicySectionInfo.All)
            {
                document.Rules[info.Section].AddRange(ReadRules(obj, info));
            }

            if (obj[AliasesName] is JsonObject aliases)
            {
                foreach (var (from, to) in aliases)
                {
                    var target = to is JsonValue value && value.TryGetValue<string>(out var s)
                        ? s
                        : throw new ArtifactPolicyException($"{AliasesName}.{from} must be a string.");
                    document.Aliases.Add(new ScanPolicyAliasRow { From = from, To = target });
                }
            }
            else if (obj[AliasesName] is not null)
            {
                throw new ArtifactPolicyException($"\"{AliasesName}\" must be an object of \"old\": \"new\" module names.");
            }
        }
        catch (ArgumentException e)
        {
            // JsonObject reports a property written twice only when it is first enumerated.
            throw new ArtifactPolicyException($"The policy names a property twice: {e.Message}", e);
        }

        return document;
    }

    /// <summary>The engine's JSON: known lists from the rows, everything else as it was, indented.</summary>
    public string ToJson()
    {
        var result = new JsonObject();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in _original)
        {
            result[key] = Rewritten(key) ?? value?.DeepClone();
            written.Add(key);
        }

        foreach (var key in new[] { "name", AliasesName }.Concat(ScanPolicySectionInfo.All.Select(s => s.JsonName)))
        {
            if (written.Add(key))
            {
                result[key] = Rewritten(key);
            }
        }

        return result.ToJsonString(Indented);
    }

    private JsonNode? Rewritten(string key)
    {
        if (key == "name")
        {
            return JsonValue.Create(Name.Trim());
        }

        if (key == AliasesName)
        {
            var aliases = new JsonObject();
            foreach (var alias in Aliases.Where(a => a.From.Trim().Length > 0 && !aliases.ContainsKey(a.From.Trim())))
            {
                aliases[alias.From.Trim()] = alias.To.Trim();
            }

            return aliases;
        }

        if (ScanPolicySectionInfo.All.FirstOrDefault(s => s.JsonName == key) is { } info)
        {
            var list = new JsonArray();
            foreach (var rule in Rules[info.Section])
            {
                list.Add(new JsonObject { ["pattern"] = rule.Pattern, ["reason"] = rule.Reason.Trim() });
            }

            return list;
        }

        return null;
    }

    private static IEnumerable<ScanPolicyRuleRow> ReadRules(JsonObject root, ScanPolicySectionInfo info)
    {
        var node = root[info.JsonName];
        if (node is null)
        {
            yield break;
        }

        if (node is not JsonArray array)
        {
            throw new ArtifactPolicyException($"\"{info.JsonName}\" must be a list.");
        }

        for (var i = 0; i < array.Count; i++)
        {
            yield return array[i] switch
            {
                JsonValue value when value.TryGetValue<string>(out var pattern) => new ScanPolicyRuleRow { Pattern = pattern },
                JsonObject rule when rule["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) => new ScanPolicyRuleRow
                {
                    Pattern = pattern,
                    Reason = rule["reason"] is JsonValue r && r.TryGetValue<string>(out var reason) ? reason : "",
                },
                _ => throw new ArtifactPolicyException($"{info.JsonName}[{i}] needs a \"pattern\" string."),
            };
        }
    }
}
