using System.Text.Json.Nodes;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Tests.Exports;

public class StixBundleWriterTests
{
    private static readonly DateTime Created = new(2026, 3, 1, 8, 30, 15, 123, DateTimeKind.Utc);

    /// <summary>One published indicator of every catalogue type, from the catalogue's own examples.</summary>
    private static List<IndicatorExport> OneOfEachType() => IndicatorCatalogue.Types.Select((info, i) =>
    {
        var normalized = IndicatorCatalogue.Validate(info.Type, info.Example).NormalizedValue
            ?? throw new InvalidOperationException($"The catalogue example of {info.Type} does not validate.");
        return new IndicatorExport(
            new Guid($"00000000-0000-4000-8000-{i:D12}"), info.Type, normalized, $"Example {info.DisplayName}.",
            info.DefaultPhases, (Tlp)(i % 5), 40 + i, Created, Created.AddDays(i), i % 2 == 0 ? Created.AddDays(-3) : null,
            i % 2 == 0 ? Created.AddDays(2) : null, i % 3 == 0 ? Created.AddYears(1) : null, i % 4);
    }).ToList();

    private static async Task<string> ExportAsync(IReadOnlyList<IndicatorExport> indicators)
    {
        using var output = new MemoryStream();
        await using (var writer = new StixBundleWriter(output, "test-export"))
        {
            writer.WriteAttackPattern(new TechniqueExport("AML.T0010.003", "Model", "Adversaries compromise models.",
                ["Initial Access", "ML Attack Staging"], new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc)));
            foreach (var indicator in indicators)
            {
                writer.WriteIndicator(indicator);
                writer.WriteSighting(indicator);
                writer.WriteIndicates(indicator.Id, "AML.T0010.003", indicator.CreatedAt, indicator.Tlp);
            }

            writer.WriteReport(new ReportExport(
                new Guid("11111111-1111-4111-8111-111111111111"), 2, "Pickle-armed checkpoints on a model hub",
                "Checkpoints that run commands when loaded.", Tlp.Green, 80, Created, Created.AddDays(4), Created.AddDays(5),
                indicators.Select(i => i.Id).ToList(), ["AML.T0010.003"],
                [new ReferenceExport("https://atlas.mitre.org/techniques/AML.T0010.003", "MITRE ATLAS"), new ReferenceExport("not a url", null)],
                4.2, 2));
            await writer.CompleteAsync();
        }

        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task A_bundle_with_every_indicator_type_validates_against_the_STIX_2_1_schemas()
    {
        var bundle = JsonNode.Parse(await ExportAsync(OneOfEachType()))!;

        var errors = StixSchemas.Validate(bundle);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task Every_indicator_pattern_parses_under_the_STIX_patterning_grammar()
    {
        var bundle = JsonNode.Parse(await ExportAsync(OneOfEachType()))!;
        var patterns = bundle["objects"]!.AsArray().Where(o => (string?)o!["type"] == "indicator").Select(o => (string)o!["pattern"]!).ToList();

        Assert.Equal(IndicatorCatalogue.Types.Count, patterns.Count);
        Assert.All(patterns, p => Assert.True(StixPatternGrammar.Check(p).IsValid, $"{p}: {StixPatternGrammar.Check(p).Error}"));
    }

    [Fact]
    public async Task Exporting_the_same_data_twice_writes_the_same_bytes()
    {
        Assert.Equal(await ExportAsync(OneOfEachType()), await ExportAsync(OneOfEachType()));
    }

    [Fact]
    public async Task Every_bundle_carries_the_five_TLP_2_0_marking_definitions_and_marks_every_object()
    {
        var objects = JsonNode.Parse(await ExportAsync(OneOfEachType()))!["objects"]!.AsArray();
        var markings = objects.Where(o => (string?)o!["type"] == "marking-definition").Select(o => (string)o!["id"]!).ToList();

        Assert.Equal(Enum.GetValues<Tlp>().Select(TlpMarkings.IdOf), markings);
        Assert.All(objects.Where(o => (string?)o!["type"] is not ("marking-definition" or "identity")),
            o => Assert.Single(o!["object_marking_refs"]!.AsArray(), m => markings.Contains((string)m!)));
    }

    [Fact]
    public async Task Hash_indicators_use_the_STIX_hash_names_and_techniques_cite_ATLAS()
    {
        var objects = JsonNode.Parse(await ExportAsync(OneOfEachType()))!["objects"]!.AsArray();
        var patterns = objects.Where(o => (string?)o!["type"] == "indicator").Select(o => (string)o!["pattern"]!).ToList();
        var technique = objects.Single(o => (string?)o!["type"] == "attack-pattern")!;

        Assert.Contains(patterns, p => p.StartsWith("[file:hashes.'SHA-256' = '", StringComparison.Ordinal));
        Assert.Contains(patterns, p => p.StartsWith("[file:hashes.TLSH = 'T1", StringComparison.Ordinal));
        Assert.Contains(patterns, p => p.StartsWith("[file:hashes.SSDEEP = '", StringComparison.Ordinal));
        Assert.Equal("mitre-atlas", (string?)technique["external_references"]![0]!["source_name"]);
        Assert.Equal("AML.T0010.003", (string?)technique["external_references"]![0]!["external_id"]);
        Assert.Equal(["initial-access", "ml-attack-staging"], technique["kill_chain_phases"]!.AsArray().Select(p => (string)p!["phase_name"]!));
    }

    [Fact]
    public async Task Sightings_appear_only_for_sighted_indicators_and_review_scores_travel_on_the_report()
    {
        var indicators = OneOfEachType();
        var objects = JsonNode.Parse(await ExportAsync(indicators))!["objects"]!.AsArray();
        var report = objects.Single(o => (string?)o!["type"] == "report")!;

        Assert.Equal(indicators.Count(i => i.SightingCount > 0), objects.Count(o => (string?)o!["type"] == "sighting"));
        Assert.Equal(4.2, (double)report["x_aicti_review_score"]!);
        Assert.Equal(2, (int)report["x_aicti_review_count"]!);
    }

    [Fact]
    public void Pattern_strings_escape_quotes_and_backslashes()
    {
        var pattern = StixPatterns.For(IndicatorType.Url, @"https://x.test/it's\here");

        Assert.Equal(@"[url:value = 'https://x.test/it\'s\\here']", pattern);
        Assert.True(StixPatternGrammar.Check(pattern).IsValid);
    }

    [Fact]
    public void Derived_ids_are_RFC_name_based_version_5_uuids()
    {
        // The namespace-DNS example every UUID library documents: uuid5(NAMESPACE_DNS, "python.org").
        var id = StixIds.NameBasedV5(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org");

        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), id);
        Assert.Equal(StixIds.AttackPattern("AML.T0010"), StixIds.AttackPattern("AML.T0010"));
        Assert.NotEqual(StixIds.AttackPattern("AML.T0010"), StixIds.AttackPattern("AML.T0011"));
    }

    [Fact]
    public async Task An_unfinished_bundle_is_not_valid_json()
    {
        using var output = new MemoryStream();
        await using (var writer = new StixBundleWriter(output, "interrupted"))
        {
            writer.WriteIndicator(OneOfEachType()[0]);
        }

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(output.ToArray()));
    }
}
