namespace AiCtiPortal.Domain.Exports.Misp;

/// <summary>A MISP object template as its definition.json in MISP/misp-objects names it.</summary>
public sealed record MispObjectTemplate(string Name, Guid Uuid, int Version, string MetaCategory);

/// <summary>
/// The misp-objects templates the export fills, with the uuid, version and meta-category of their definition.json
/// (objects/file, objects/ai-model-component, objects/ai-dataset-component). Relations used with them are listed
/// in <see cref="MispIndicatorLayout"/>; each is one the template defines, with the MISP type it prescribes.
/// </summary>
public static class MispObjectTemplates
{
    /// <summary>Required: at least one of its hash, pattern, name or path relations (requiredOneOf).</summary>
    public static MispObjectTemplate File { get; } = new("file", new Guid("688c46fb-5edb-40a3-8273-1af7923e2215"), 24, "file");

    /// <summary>Required: model-name and model-version.</summary>
    public static MispObjectTemplate AiModelComponent { get; } =
        new("ai-model-component", new Guid("e5162e7f-ca79-49b4-b997-9873521f05d9"), 1, "software");

    /// <summary>Required: dataset-name.</summary>
    public static MispObjectTemplate AiDatasetComponent { get; } =
        new("ai-dataset-component", new Guid("2a7519c7-dbc9-441f-abd1-d1fc9e8e46ea"), 1, "misc");
}
