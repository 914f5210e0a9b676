using System.Text.Json;

namespace AiCtiPortal.Engine.Artifacts.Policy;

/// <summary>
/// The scanner's policy as data: denied and allowed pickle globals with reasons, the loaders whose bytes argument is a
/// nested pickle, module aliases the unpickler applies, Keras modules and ONNX domains considered standard. Curators
/// edit the JSON (the portal stores it); <see cref="Default"/> is the embedded default-policy.json.
/// </summary>
public sealed class ArtifactPolicy
{
    private const string ResourceName = "AiCtiPortal.Engine.Artifacts.Policy.default-policy.json";
    private static readonly Lazy<ArtifactPolicy> DefaultPolicy = new(LoadDefault);

    private ArtifactPolicy(
        string name,
        IReadOnlyList<PolicyRule> denied,
        IReadOnlyList<PolicyRule> allowed,
        IReadOnlyList<PolicyRule> nestedLoaders,
        IReadOnlyDictionary<string, string> moduleAliases,
        IReadOnlyList<PolicyRule> kerasModules,
        IReadOnlySet<string> onnxDomains)
    {
        Name = name;
        Denied = denied;
        Allowed = allowed;
        NestedLoaders = nestedLoaders;
        ModuleAliases = moduleAliases;
        KerasAllowedModules = kerasModules;
        OnnxStandardDomains = onnxDomains;
    }

    public static ArtifactPolicy Default => DefaultPolicy.Value;

    public string Name { get; }

    public IReadOnlyList<PolicyRule> Denied { get; }

    public IReadOnlyList<PolicyRule> Allowed { get; }

    public IReadOnlyList<PolicyRule> NestedLoaders { get; }

    public IReadOnlyDictionary<string, string> ModuleAliases { get; }

    public IReadOnlyList<PolicyRule> KerasAllowedModules { get; }

    public IReadOnlySet<string> OnnxStandardDomains { get; }

    /// <summary>Reads a policy document; throws <see cref="ArtifactPolicyException"/> naming what is wrong.</summary>
    public static ArtifactPolicy Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ArtifactPolicyException($"The policy is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            try
            {
                return FromDocument(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                throw new ArtifactPolicyException($"The policy holds invalid text: {e.Message}", e);
            }
        }
    }

    private static ArtifactPolicy FromDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArtifactPolicyException("The policy must be a JSON object.");
        }

        string name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "unnamed";
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("moduleAliases", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in a.EnumerateObject())
            {
                aliases[p.Name] = p.Value.GetString() ?? throw new ArtifactPolicyException($"moduleAliases.{p.Name} must be a string.");
            }
        }

        var domains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules(root, "onnxStandardDomains", ignoreCase: false, required: false))
        {
            domains.Add(rule.Pattern);
        }

        return new ArtifactPolicy(
            name,
            Rules(root, "deniedGlobals", ignoreCase: true, required: true),
            Rules(root, "allowedGlobals", ignoreCase: false, required: true),
            Rules(root, "nestedLoaders", ignoreCase: true, required: false),
            aliases,
            Rules(root, "kerasAllowedModules", ignoreCase: false, required: false),
            domains);
    }

    /// <summary>
    /// Judges module.name. Deny rules match case-insensitively (case-insensitive file systems import "OS" as "os") and
    /// are tried on the name as written and after the unpickler's Python 2 module renames.
    /// </summary>
    public GlobalClassification Classify(string module, string name)
    {
        string written = $"{module}.{name}";
        string canonical = ModuleAliases.TryGetValue(module, out var alias) ? $"{alias}.{name}" : written;
        foreach (var rule in Denied)
        {
            if (rule.Matches(written) || rule.Matches(canonical))
            {
                return new GlobalClassification(GlobalVerdict.Denied, rule);
            }
        }

        foreach (var rule in Allowed)
        {
            if (rule.Matches(canonical))
            {
                return new GlobalClassification(GlobalVerdict.Allowed, rule);
            }
        }

        return new GlobalClassification(GlobalVerdict.Unknown, null);
    }

    public bool IsNestedLoader(string module, string name)
    {
        string written = $"{module}.{name}";
        string canonical = ModuleAliases.TryGetValue(module, out var alias) ? $"{alias}.{name}" : written;
        return NestedLoaders.Any(r => r.Matches(written) || r.Matches(canonical));
    }

    public bool IsKerasModuleAllowed(string module) => KerasAllowedModules.Any(r => r.Matches(module));

    private static List<PolicyRule> Rules(JsonElement root, string property, bool ignoreCase, bool required)
    {
        var rules = new List<PolicyRule>();
        if (!root.TryGetProperty(property, out var array))
        {
            return required ? throw new ArtifactPolicyException($"The policy has no \"{property}\" list.") : rules;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new ArtifactPolicyException($"\"{property}\" must be a list.");
        }

        int index = 0;
        foreach (var item in array.EnumerateArray())
        {
            // A bare string is a pattern without a reason; an object carries {"pattern", "reason"}.
            string? pattern = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object when item.TryGetProperty("pattern", out var p) && p.ValueKind == JsonValueKind.String => p.GetString(),
                _ => null,
            };
            if (pattern is null)
            {
                throw new ArtifactPolicyException($"{property}[{index}] needs a \"pattern\" string.");
            }

            string reason = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()!
                : string.Empty;
            rules.Add(new PolicyRule(pattern, reason, ignoreCase));
            index++;
        }

        return rules;
    }

    private static ArtifactPolicy LoadDefault()
    {
        using var stream = typeof(ArtifactPolicy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new ArtifactPolicyException($"The embedded resource {ResourceName} is missing from the engine assembly.");
        return Load(stream);
    }
}
