using System.Text.Json.Nodes;

namespace AiCtiPortal.Domain.Tests.Exports;

/// <summary>The test validator itself: it must accept OASIS's own examples and reject what the schemas forbid.</summary>
public class JsonSchemaSetTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(StixSchemas.ExamplesFolder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(StixSchemas.ExamplesFolder, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Accepts_the_OASIS_example_bundles(string example)
    {
        var bundle = JsonNode.Parse(File.ReadAllText(Path.Combine(StixSchemas.ExamplesFolder, example)))!;

        var errors = StixSchemas.Validate(bundle);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Rejects_an_indicator_without_a_pattern_and_with_a_malformed_id()
    {
        var bundle = JsonNode.Parse("""
            {"type":"bundle","id":"bundle--5d0c6c9e-6b1f-4f43-9a55-2f3b8a7d0e41","objects":[
              {"type":"indicator","spec_version":"2.1","id":"indicator--not-a-uuid","created":"2026-01-01T00:00:00.000Z",
               "modified":"2026-01-01T00:00:00.000Z","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}]}
            """)!;

        var errors = StixSchemas.Validate(bundle);

        Assert.Contains(errors, e => e.Contains("'pattern' is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("indicator--not-a-uuid", StringComparison.Ordinal) && e.Contains("does not match", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_an_opinion_inside_a_bundle_as_the_OASIS_bundle_schema_does()
    {
        // The bundle schema lists the types a bundle may hold and leaves opinion out; Python's jsonschema 4.26 gives the
        // same verdict on these files. The exporter therefore carries review scores on the report instead.
        var bundle = JsonNode.Parse("""
            {"type":"bundle","id":"bundle--5d0c6c9e-6b1f-4f43-9a55-2f3b8a7d0e41","objects":[
              {"type":"opinion","spec_version":"2.1","id":"opinion--5d0c6c9e-6b1f-4f43-9a55-2f3b8a7d0e42",
               "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","opinion":"agree",
               "object_refs":["report--5d0c6c9e-6b1f-4f43-9a55-2f3b8a7d0e43"]}]}
            """)!;

        var errors = StixSchemas.Validate(bundle);

        Assert.Single(errors);
        Assert.StartsWith("$.objects[0]: matches none of the anyOf alternatives", errors[0], StringComparison.Ordinal);
    }
}
