using System.Text.Json;
using System.Text.Json.Nodes;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Exports.Taxii;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Exports.Sets;

namespace AiCtiPortal.Domain.Tests.Exports.Taxii;

/// <summary>The objects a TAXII collection serves, checked against the OASIS STIX 2.1 schemas from ../shared.</summary>
public abstract class TaxiiObjectSourceTests(ITestDatabases databases)
{
    [Fact]
    public async Task Every_object_a_collection_serves_validates_against_the_stix_schemas()
    {
        var bed = new CuratedSetTestBed(await TestContexts.MigrateAsync(await databases.CreateAsync()));
        await bed.TechniquesAsync(("AML.T0010", null));
        var indicators = Enumerable.Range(0, 5).Select(i => CuratedSetTestBed.Indicator(i % 2 == 0 ? Tlp.Green : Tlp.Amber)).ToList();
        await bed.ReportAsync(r => r.Tlp = Tlp.Green, indicators, "AML.T0010");
        var (_, organisation, saved) = await bed.SavedSetAsync(clearance: Tlp.Amber);
        var scope = await bed.Resolver.ForOrganisationAsync(saved.Id, organisation);
        var source = new TaxiiObjectSource(new BedContexts(bed));

        var page = await source.PageAsync(scope, TaxiiFilter.Everything);

        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            var writer = new StixObjectWriter(json);
            foreach (var entry in page.Entries)
            {
                entry.Write(writer);
            }

            json.WriteEndArray();
        }

        var objects = JsonNode.Parse(buffer.ToArray())!.AsArray();
        Assert.Equal(["attack-pattern", "identity", "indicator", "marking-definition", "report"],
            objects.Select(o => (string)o!["type"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(page.Entries.Select(e => e.Id), objects.Select(o => (string)o!["id"]!));
        // Each object separately (detached copies: the validator wraps a lone object in an array of its own).
        foreach (var stix in objects)
        {
            var errors = StixSchemas.Validate(JsonNode.Parse(stix!.ToJsonString())!);
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }
    }

    private sealed class BedContexts(CuratedSetTestBed bed) : Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Data.PortalDbContext>
    {
        public Domain.Data.PortalDbContext CreateDbContext() => bed.Db();
    }
}

public sealed class SqliteTaxiiObjectSourceTests(SqliteDatabases databases)
    : TaxiiObjectSourceTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresTaxiiObjectSourceTests(PostgresDatabases databases)
    : TaxiiObjectSourceTests(databases), IClassFixture<PostgresDatabases>;
