using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Web.FunctionalTests.Taxii;

public abstract partial class TaxiiScenarios
{
    /// <summary>
    /// The properties STIX 2.1 requires of the object types the server returns. The full OASIS schemas are applied to
    /// the same objects by the bundle writer's tests (AiCtiPortal.Domain.Tests), which this project does not reference.
    /// </summary>
    private static void AssertValidStix(JsonElement stix)
    {
        var type = stix.GetProperty("type").GetString()!;
        var id = stix.GetProperty("id").GetString()!;
        Assert.Matches(StixId(), id);
        Assert.StartsWith(type + "--", id, StringComparison.Ordinal);
        Assert.Equal("2.1", stix.GetProperty("spec_version").GetString());
        Assert.Matches(StixTimestamp(), stix.GetProperty("created").GetString()!);
        if (type != "marking-definition")
        {
            Assert.Matches(StixTimestamp(), stix.GetProperty("modified").GetString()!);
            Assert.True(string.CompareOrdinal(stix.GetProperty("modified").GetString(), stix.GetProperty("created").GetString()) >= 0, id);
        }

        switch (type)
        {
            case "indicator":
                Assert.False(string.IsNullOrWhiteSpace(stix.GetProperty("pattern").GetString()));
                Assert.Equal("stix", stix.GetProperty("pattern_type").GetString());
                Assert.Matches(StixTimestamp(), stix.GetProperty("valid_from").GetString()!);
                Assert.Single(stix.GetProperty("object_marking_refs").EnumerateArray());
                break;
            case "report":
                Assert.False(string.IsNullOrWhiteSpace(stix.GetProperty("name").GetString()));
                Assert.Matches(StixTimestamp(), stix.GetProperty("published").GetString()!);
                Assert.NotEmpty(stix.GetProperty("object_refs").EnumerateArray());
                break;
            case "attack-pattern":
                var reference = Assert.Single(stix.GetProperty("external_references").EnumerateArray());
                Assert.Equal("mitre-atlas", reference.GetProperty("source_name").GetString());
                Assert.StartsWith("AML.T", reference.GetProperty("external_id").GetString(), StringComparison.Ordinal);
                break;
            case "identity":
                Assert.False(string.IsNullOrWhiteSpace(stix.GetProperty("name").GetString()));
                break;
            case "marking-definition":
                Assert.Equal(JsonValueKind.Object, stix.GetProperty("extensions").ValueKind);
                break;
            default:
                Assert.Fail($"Unexpected object type {type} in a collection.");
                break;
        }
    }

    [GeneratedRegex("^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex StixId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex StixTimestamp();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex DateAddedFormat();
}

public sealed class SqliteTaxiiScenarios(SqliteTaxiiPortalFactory factory)
    : TaxiiScenarios(factory), Xunit.IClassFixture<SqliteTaxiiPortalFactory>;

public sealed class PostgresTaxiiScenarios(PostgresTaxiiPortalFactory factory)
    : TaxiiScenarios(factory), Xunit.IClassFixture<PostgresTaxiiPortalFactory>;
