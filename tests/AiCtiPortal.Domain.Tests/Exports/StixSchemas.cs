using System.Text.Json.Nodes;

namespace AiCtiPortal.Domain.Tests.Exports;

/// <summary>The OASIS STIX 2.1 JSON schemas from ../shared (never committed), and validation of objects by type.</summary>
internal static class StixSchemas
{
    private static readonly Lazy<(string Folder, JsonSchemaSet Set)> Loaded = new(() =>
    {
        var folder = SharedData.Require("data/stix2.1-json-schemas/schemas", "the OASIS STIX 2.1 JSON schemas (oasis-open/cti-stix2-json-schemas)");
        return (folder, new JsonSchemaSet(folder));
    });

    public static string ExamplesFolder =>
        SharedData.Require("data/stix2.1-json-schemas/examples", "the OASIS STIX 2.1 example bundles");

    /// <summary>Errors of a bundle (its envelope and every object) or of a single object, each against its type's schema.</summary>
    public static IReadOnlyList<string> Validate(JsonNode document)
    {
        var (folder, set) = Loaded.Value;
        var isBundle = (string?)document["type"] == "bundle";
        var errors = isBundle ? new List<string>(set.Validate(document, set.FileUri(folder, "common/bundle.json"))) : [];
        foreach (var item in isBundle ? document["objects"]?.AsArray() ?? [] : [document])
        {
            var type = item?["type"]?.GetValue<string>() ?? "";
            var schema = SchemaFileFor(folder, type);
            if (schema is null)
            {
                errors.Add($"{item?["id"]}: no schema for type '{type}'");
                continue;
            }

            errors.AddRange(set.Validate(item, set.FileUri(folder, schema)).Select(e => $"{item?["id"]} {e}"));
        }

        return errors;
    }

    private static string? SchemaFileFor(string folder, string type) =>
        new[] { "sdos", "sros", "observables", "common" }
            .Select(sub => Path.Combine(sub, $"{type}.json"))
            .FirstOrDefault(relative => File.Exists(Path.Combine(folder, relative)));
}
