namespace AiCtiPortal.Domain.Tests.Exports.Misp;

/// <summary>A relation of a misp-objects template: the MISP type it prescribes, whether it may repeat, and the categories it allows (null: any the type allows).</summary>
internal sealed record TemplateRelation(string MispAttribute, bool Multiple, string[]? Categories = null);

internal sealed record TemplateDefinition(
    string Name, string Uuid, int Version, string MetaCategory, IReadOnlyDictionary<string, TemplateRelation> Relations,
    string[] Required, string[] RequiredOneOf);

/// <summary>
/// The small part of MISP's reference data the MISP export relies on, typed in by hand from the files themselves (not
/// copied as files, and independent of the writer's own tables, so a wrong mapping there fails here):
/// <list type="bullet">
/// <item>categories, types and category_type_mappings: MISP/PyMISP pymisp/data/describeTypes.json (commit 04e089b3),
/// which is MISP's describeTypes; only the pairs of the categories and types the export uses are listed;</item>
/// <item>object templates: MISP/misp-objects objects/file/definition.json (version 24), objects/ai-model-component and
/// objects/ai-dataset-component/definition.json (version 1, commit 0b9ad849): uuid, version, meta-category,
/// required / requiredOneOf, and the relations with their misp-attribute, "multiple" and "categories".</item>
/// </list>
/// </summary>
internal static class MispReference
{
    /// <summary>describeTypes "categories" (all sixteen).</summary>
    public static readonly HashSet<string> Categories =
    [
        "Antivirus detection", "Artifacts dropped", "Attribution", "External analysis", "Financial fraud", "Internal reference",
        "Network activity", "Other", "Payload delivery", "Payload installation", "Payload type", "Persistence mechanism",
        "Person", "Social network", "Support Tool", "Targeting data",
    ];

    /// <summary>describeTypes category_type_mappings, restricted to the types below (each listed in its category there).</summary>
    public static readonly Dictionary<string, HashSet<string>> CategoryTypes = new(StringComparer.Ordinal)
    {
        ["Payload delivery"] = ["md5", "sha1", "sha256", "ssdeep", "tlsh", "filename", "ip-dst", "hostname", "domain", "url", "pattern-in-file", "link", "text"],
        ["Payload installation"] = ["md5", "sha1", "sha256", "ssdeep", "tlsh", "filename", "pattern-in-file", "text"],
        ["Network activity"] = ["ip-dst", "hostname", "domain", "url", "text"],
        ["External analysis"] = ["md5", "sha1", "sha256", "filename", "ip-dst", "hostname", "domain", "url", "link", "text"],
        ["Other"] = ["comment", "text", "other"],
    };

    public static readonly Dictionary<string, TemplateDefinition> Templates = new(StringComparer.Ordinal)
    {
        ["file"] = new("file", "688c46fb-5edb-40a3-8273-1af7923e2215", 24, "file",
            new Dictionary<string, TemplateRelation>(StringComparer.Ordinal)
            {
                ["filename"] = new("filename", true, ["Payload delivery", "Artifacts dropped", "Payload installation", "External analysis"]),
                ["md5"] = new("md5", false),
                ["sha1"] = new("sha1", false),
                ["sha256"] = new("sha256", false),
                ["ssdeep"] = new("ssdeep", false),
                ["tlsh"] = new("tlsh", false),
                ["pattern-in-file"] = new("pattern-in-file", true, ["Artifacts dropped", "Payload installation", "External analysis"]),
                ["state"] = new("text", true),
                ["text"] = new("text", true),
            },
            [],
            ["filename", "size-in-bytes", "authentihash", "ssdeep", "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512/224",
             "sha512/256", "sha3-224", "sha3-256", "sha3-384", "sha3-512", "tlsh", "telfhash", "imphash", "pattern-in-file", "certificate",
             "malware-sample", "attachment", "path", "fullpath"]),
        ["ai-model-component"] = new("ai-model-component", "e5162e7f-ca79-49b4-b997-9873521f05d9", 1, "software",
            new Dictionary<string, TemplateRelation>(StringComparer.Ordinal)
            {
                ["artifact-hash"] = new("sha256", true),
                ["license"] = new("text", true),
                ["model-identifier"] = new("text", true),
                ["model-name"] = new("text", false),
                ["model-type"] = new("text", false),
                ["model-version"] = new("text", false),
                ["provider"] = new("text", true),
                ["training-framework"] = new("text", true),
            },
            ["model-name", "model-version"], []),
        ["ai-dataset-component"] = new("ai-dataset-component", "2a7519c7-dbc9-441f-abd1-d1fc9e8e46ea", 1, "misc",
            new Dictionary<string, TemplateRelation>(StringComparer.Ordinal)
            {
                ["data-sensitivity"] = new("text", false),
                ["dataset-identifier"] = new("link", true),
                ["dataset-license"] = new("text", true),
                ["dataset-name"] = new("text", false),
                ["dataset-origin"] = new("text", true),
                ["dataset-provider"] = new("text", true),
                ["dataset-version"] = new("text", false),
                ["integrity-hash"] = new("sha256", true),
            },
            ["dataset-name"], []),
    };
}
