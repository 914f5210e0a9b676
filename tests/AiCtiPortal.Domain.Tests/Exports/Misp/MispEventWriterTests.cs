using System.Text;
using System.Text.Json.Nodes;
using AiCtiPortal.Domain.Exports.Misp;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using static AiCtiPortal.Domain.Tests.Exports.Misp.MispTestData;

namespace AiCtiPortal.Domain.Tests.Exports.Misp;

public class MispEventWriterTests
{
    [Fact]
    public async Task An_event_with_every_indicator_type_follows_the_MISP_core_format()
    {
        var bytes = await WriteAsync(Input(OneOfEachType()));

        var errors = MispCoreFormat.Validate(JsonNode.Parse(bytes));

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [InlineData(Tlp.Clear)]
    [InlineData(Tlp.Green)]
    [InlineData(Tlp.Amber)]
    [InlineData(Tlp.AmberStrict)]
    [InlineData(Tlp.Red)]
    public async Task An_event_of_every_TLP_level_follows_the_MISP_core_format(Tlp tlp)
    {
        var indicators = OneOfEachType().Select(i => i with { Tlp = tlp }).ToList();

        var errors = MispCoreFormat.Validate(JsonNode.Parse(await WriteAsync(Input(indicators, tlp))));

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task Event_header_names_report_creator_and_publication()
    {
        var misp = await EventAsync(Input(OneOfEachType()));

        Assert.Equal(MispIds.Event(ReportId, 2).ToString("D"), (string?)misp["uuid"]);
        Assert.Equal("Pickle-armed checkpoints on a model hub", (string?)misp["info"]);
        Assert.Equal("2026-03-06", (string?)misp["date"]);
        Assert.Equal("4", (string?)misp["threat_level_id"]);
        Assert.Equal("2", (string?)misp["analysis"]);
        Assert.True((bool)misp["published"]!);
        Assert.Equal(MispTime.Timestamp(Created.AddDays(5)), (string?)misp["publish_timestamp"]);
        Assert.Equal("AiCtiPortal community", (string?)misp["Orgc"]!["name"]);
        Assert.Equal("22222222-2222-4222-8222-222222222222", (string?)misp["Orgc"]!["uuid"]);
    }

    [Fact]
    public async Task Event_timestamp_is_the_latest_change_of_the_report_or_any_indicator()
    {
        var indicators = OneOfEachType();
        var latest = indicators[3] with { UpdatedAt = Created.AddDays(40) };
        indicators[3] = latest;

        var misp = await EventAsync(Input(indicators));

        Assert.Equal(MispTime.Timestamp(Created.AddDays(40)), (string?)misp["timestamp"]);
        Assert.Equal(((DateTimeOffset)Created.AddDays(40)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)misp["timestamp"]);
    }

    [Fact]
    public async Task Exporting_the_same_report_twice_writes_the_same_bytes()
    {
        Assert.Equal(await WriteAsync(Input(OneOfEachType())), await WriteAsync(Input(OneOfEachType())));
    }

    [Fact]
    public async Task Event_uuid_is_stable_per_report_version_and_attribute_uuids_are_never_shared_between_events()
    {
        var version2 = await EventAsync(Input(OneOfEachType(), version: 2));
        var version3 = await EventAsync(Input(OneOfEachType(), version: 3));

        Assert.Equal(MispIds.Event(ReportId, 2), MispIds.Event(ReportId, 2));
        Assert.NotEqual((string?)version2["uuid"], (string?)version3["uuid"]);
        var uuids2 = AllAttributes(version2).Select(a => (string)a["uuid"]!).Concat(Objects(version2).Select(o => (string)o["uuid"]!));
        var uuids3 = AllAttributes(version3).Select(a => (string)a["uuid"]!).Concat(Objects(version3).Select(o => (string)o["uuid"]!));
        Assert.Empty(uuids2.Intersect(uuids3));
    }

    [Fact]
    public async Task Every_indicator_becomes_one_attribute_with_its_value_comment_and_seen_times()
    {
        var indicators = OneOfEachType();
        var misp = await EventAsync(Input(indicators));
        var primaries = AllAttributes(misp).Where(a => a["comment"] is not null && ((string)a["comment"]!).StartsWith("Example ", StringComparison.Ordinal)).ToList();

        Assert.Equal(indicators.Count, primaries.Count);
        foreach (var indicator in indicators)
        {
            var layout = MispIndicatorLayout.For(indicator);
            var attribute = Assert.Single(primaries, a => (string?)a["uuid"] == MispIds.Attribute(
                MispIds.Event(ReportId, 2), indicator.Id, layout.Primary.Relation ?? layout.Primary.Type).ToString("D"));
            Assert.Equal(layout.Primary.Value, (string?)attribute["value"]);
            Assert.Equal(indicator.Description, (string?)attribute["comment"]);
            Assert.Equal(indicator.FirstSeen is { } first ? MispTime.Seen(first) : null, (string?)attribute["first_seen"]);
            Assert.Equal(indicator.LastSeen is { } last ? MispTime.Seen(last) : null, (string?)attribute["last_seen"]);
            Assert.Equal(MispTime.Timestamp(indicator.UpdatedAt), (string?)attribute["timestamp"]);
        }
    }

    [Fact]
    public void Every_indicator_type_maps_to_a_type_and_category_pair_describeTypes_allows()
    {
        foreach (var indicator in OneOfEachType())
        {
            foreach (var spec in MispIndicatorLayout.For(indicator).Attributes)
            {
                Assert.True(MispReference.CategoryTypes.TryGetValue(spec.Category, out var types) && types.Contains(spec.Type),
                    $"{indicator.Type}: ({spec.Category}, {spec.Type}) is not a describeTypes pair");
            }
        }

        Assert.Equal(Enum.GetValues<IndicatorType>().Order(), OneOfEachType().Select(i => i.Type).Distinct().Order());
    }

    [Theory]
    [InlineData(IndicatorType.ModelFileSha256, "sha256", "Payload delivery", true)]
    [InlineData(IndicatorType.DatasetSha256, "sha256", "Payload delivery", true)]
    [InlineData(IndicatorType.ModelFileTlsh, "tlsh", "Payload delivery", true)]
    [InlineData(IndicatorType.ModelFileSsdeep, "ssdeep", "Payload delivery", true)]
    [InlineData(IndicatorType.PickleImport, "pattern-in-file", "Payload installation", false)]
    [InlineData(IndicatorType.ChatTemplatePattern, "pattern-in-file", "Payload installation", false)]
    [InlineData(IndicatorType.ModelHubRepository, "text", "Payload delivery", true)]
    [InlineData(IndicatorType.DatasetIdentifier, "text", "Payload delivery", true)]
    [InlineData(IndicatorType.PackageCoordinate, "text", "Payload delivery", true)]
    [InlineData(IndicatorType.PromptInjectionPattern, "text", "Payload delivery", false)]
    [InlineData(IndicatorType.JailbreakPattern, "text", "Payload delivery", false)]
    [InlineData(IndicatorType.Url, "url", "Network activity", true)]
    [InlineData(IndicatorType.Domain, "domain", "Network activity", true)]
    [InlineData(IndicatorType.IpAddress, "ip-dst", "Network activity", true)]
    public void Indicator_types_map_to_MISP_types_and_detection_flags(IndicatorType type, string mispType, string category, bool toIds)
    {
        var primary = MispIndicatorLayout.For(Indicator(1, type)).Primary;

        Assert.Equal((mispType, category, toIds), (primary.Type, primary.Category, primary.ToIds));
    }

    [Fact]
    public async Task Hash_and_pattern_indicators_become_file_objects_with_the_template_relation()
    {
        var misp = await EventAsync(Input(OneOfEachType()));
        var files = Objects(misp).Where(o => (string?)o["name"] == "file").ToList();

        Assert.Equal(6, files.Count); // model SHA-256, TLSH, ssdeep, pickle import, dataset SHA-256, chat template
        Assert.All(files, file =>
        {
            Assert.Equal("688c46fb-5edb-40a3-8273-1af7923e2215", (string?)file["template_uuid"]);
            Assert.Equal("file", (string?)file["meta-category"]);
            var relations = file["Attribute"]!.AsArray().Select(a => (string)a!["object_relation"]!).ToList();
            Assert.Contains("state", relations);
            Assert.Contains(relations, r => r is "sha256" or "tlsh" or "ssdeep" or "pattern-in-file");
        });
        var sha = Assert.Single(files.SelectMany(f => f["Attribute"]!.AsArray()), a => (string?)a!["object_relation"] == "sha256" &&
            (string?)a["value"] == Indicator(0, IndicatorType.ModelFileSha256).NormalizedValue)!;
        Assert.Equal("sha256", (string?)sha["type"]);
        Assert.True((bool)sha["to_ids"]!);
    }

    [Fact]
    public async Task Model_repository_with_a_revision_becomes_an_ai_model_component_with_its_required_name_and_version()
    {
        var repository = Indicator(1, IndicatorType.ModelHubRepository, "huggingface/acme-research/sentiment-bert@4f2c9a1");
        var misp = await EventAsync(Input([repository]));

        var model = Assert.Single(Objects(misp));
        Assert.Equal(("ai-model-component", "software", "e5162e7f-ca79-49b4-b997-9873521f05d9", "1"),
            ((string?)model["name"], (string?)model["meta-category"], (string?)model["template_uuid"], (string?)model["template_version"]));
        var values = model["Attribute"]!.AsArray().ToDictionary(a => (string)a!["object_relation"]!, a => (string)a!["value"]!);
        Assert.Equal("huggingface/acme-research/sentiment-bert@4f2c9a1", values["model-identifier"]);
        Assert.Equal("huggingface/acme-research/sentiment-bert", values["model-name"]);
        Assert.Equal("4f2c9a1", values["model-version"]);
    }

    [Fact]
    public async Task Model_repository_without_a_revision_stays_a_plain_attribute_rather_than_invent_a_version()
    {
        var repository = Indicator(1, IndicatorType.ModelHubRepository, "huggingface/acme-research/sentiment-bert");
        var misp = await EventAsync(Input([repository]));

        Assert.Empty(Objects(misp));
        var attribute = Assert.Single(Attributes(misp), a => (string?)a["value"] == "huggingface/acme-research/sentiment-bert");
        Assert.Equal("text", (string?)attribute["type"]);
    }

    [Fact]
    public async Task Hub_datasets_become_ai_dataset_components_and_DOIs_become_resolver_links()
    {
        var hub = Indicator(1, IndicatorType.DatasetIdentifier, "huggingface/acme-research/reviews-2024@main");
        var doi = Indicator(2, IndicatorType.DatasetIdentifier, "doi:10.5281/zenodo.1234567");
        var misp = await EventAsync(Input([hub, doi]));

        var dataset = Assert.Single(Objects(misp));
        Assert.Equal("ai-dataset-component", (string?)dataset["name"]);
        Assert.Equal("2a7519c7-dbc9-441f-abd1-d1fc9e8e46ea", (string?)dataset["template_uuid"]);
        var values = dataset["Attribute"]!.AsArray().ToDictionary(a => (string)a!["object_relation"]!, a => (string)a!["value"]!);
        Assert.Equal("huggingface/acme-research/reviews-2024", values["dataset-name"]);
        Assert.Equal("main", values["dataset-version"]);
        var link = Assert.Single(Attributes(misp), a => (string?)a["type"] == "link" && (string?)a["category"] == "Payload delivery");
        Assert.Equal("https://doi.org/10.5281/zenodo.1234567", (string?)link["value"]);
    }

    [Fact]
    public async Task Only_web_references_become_link_attributes_and_the_summary_a_text_attribute()
    {
        var misp = await EventAsync(Input([]));

        var link = Assert.Single(Attributes(misp), a => (string?)a["type"] == "link");
        Assert.Equal("https://atlas.mitre.org/techniques/AML.T0010.003", (string?)link["value"]);
        Assert.Equal("External analysis", (string?)link["category"]);
        Assert.Equal("MITRE ATLAS", (string?)link["comment"]);
        var summary = Assert.Single(Attributes(misp), a => (string?)a["type"] == "text");
        Assert.Equal("Checkpoints that run commands when loaded.", (string?)summary["value"]);
        Assert.All(Attributes(misp), a => Assert.False((bool)a["to_ids"]!));
    }

    [Theory]
    [InlineData(Tlp.Clear, "tlp:clear", "3")]
    [InlineData(Tlp.Green, "tlp:green", "1")]
    [InlineData(Tlp.Amber, "tlp:amber", "0")]
    [InlineData(Tlp.AmberStrict, "tlp:amber+strict", "0")]
    [InlineData(Tlp.Red, "tlp:red", "0")]
    public async Task Event_and_attributes_carry_the_TLP_2_0_tag_and_distribution_of_their_own_level(Tlp tlp, string tag, string distribution)
    {
        var reportTlp = tlp == Tlp.Red ? Tlp.Clear : Tlp.Red;
        var indicators = OneOfEachType().Select(i => i with { Tlp = tlp }).ToList();
        var misp = await EventAsync(Input(indicators, reportTlp));

        Assert.Equal(MispTags.Tlp(reportTlp), TagNames(misp).Single(t => t.StartsWith("tlp:", StringComparison.Ordinal)));
        Assert.Equal(MispEventWriter.DistributionOf(reportTlp), (string?)misp["distribution"]);
        var indicatorAttributes = Attributes(misp).Where(a => (string?)a["distribution"] != "5")
            .Concat(Objects(misp).SelectMany(o => o["Attribute"]!.AsArray().Select(a => a!.AsObject()))).ToList();
        Assert.Equal(indicators.Count, indicatorAttributes.Count(a => TagNames(a).Count > 1));
        Assert.All(indicatorAttributes, a =>
        {
            Assert.Equal(tag, TagNames(a).Single(t => t.StartsWith("tlp:", StringComparison.Ordinal)));
            Assert.Equal(distribution, (string?)a["distribution"]);
        });
        Assert.All(Objects(misp), o => Assert.Equal(distribution, (string?)o["distribution"]));
    }

    [Fact]
    public async Task ATLAS_techniques_become_mitre_atlas_galaxy_tags_and_id_tags_once_each_in_id_order()
    {
        var misp = await EventAsync(Input(OneOfEachType()));

        // Tag form of misp-galaxy clusters/mitre-atlas-attack-pattern.json: type "mitre-atlas-attack-pattern",
        // cluster values such as "User Execution" (AML.T0011) and "Model" (AML.T0010.003).
        var galaxyTags = TagNames(misp).Where(t => t.StartsWith("misp-galaxy:", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["misp-galaxy:mitre-atlas-attack-pattern=\"Model\"", "misp-galaxy:mitre-atlas-attack-pattern=\"User Execution\""],
            galaxyTags);
        Assert.Equal(
            ["aicti:atlas-technique=\"AML.T0010.003\"", "aicti:atlas-technique=\"AML.T0011\""],
            TagNames(misp).Where(t => t.StartsWith("aicti:atlas-technique=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Supply_chain_phases_become_aicti_machine_tags_on_the_event_and_each_indicator()
    {
        var sha = Indicator(0, IndicatorType.ModelFileSha256);
        var misp = await EventAsync(Input([sha]));

        Assert.Contains("aicti:supply-chain-phase=\"model-artifact\"", TagNames(misp));
        Assert.Contains("aicti:supply-chain-phase=\"dependencies\"", TagNames(misp));
        var attribute = Assert.Single(AllAttributes(misp), a => (string?)a["object_relation"] == "sha256");
        Assert.Equal(["tlp:green", "aicti:indicator-type=\"model-file-sha256\"", "aicti:supply-chain-phase=\"model-artifact\""], TagNames(attribute));
    }

    [Fact]
    public async Task A_last_seen_before_first_seen_is_left_out_because_MISP_refuses_it()
    {
        var backwards = Indicator(0, IndicatorType.Url) with { FirstSeen = Created, LastSeen = Created.AddDays(-1) };
        var misp = await EventAsync(Input([backwards]));

        var attribute = Assert.Single(Attributes(misp), a => (string?)a["type"] == "url");
        Assert.Equal(MispTime.Seen(Created), (string?)attribute["first_seen"]);
        Assert.Null(attribute["last_seen"]);
    }

    [Fact]
    public async Task An_empty_report_is_a_valid_event_without_attributes_or_objects()
    {
        var empty = new ReportExport(ReportId, 1, "", "", Tlp.Clear, 0, Created, Created, Created, [], [], [], null, 0);
        var bytes = await WriteAsync(new MispEventInput(empty, SupplyChainPhase.None, [], []));

        var document = JsonNode.Parse(bytes);
        var errors = MispCoreFormat.Validate(document);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var misp = document!["Event"]!.AsObject();
        Assert.Empty(misp["Attribute"]!.AsArray());
        Assert.Empty(misp["Object"]!.AsArray());
        Assert.Equal(["tlp:clear"], TagNames(misp));
        Assert.Equal($"AiCtiPortal report {ReportId:D}", (string?)misp["info"]);
    }

    [Fact]
    public async Task Hostile_text_is_escaped_and_read_back_unchanged()
    {
        const string hostile = "Quote \" backslash \\ </script><script>alert('x')</script> NUL \u0000 bell \u0007 \r\n\t é 🤖 \u2028";
        var prompt = Indicator(0, IndicatorType.PromptInjectionPattern) with { NormalizedValue = hostile, Description = hostile };
        var input = Input([prompt]) with { Report = Report([prompt], title: hostile, summary: hostile + "\uD800 lone surrogate") };

        var bytes = await WriteAsync(input);

        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("</script>", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bytes, b => b < 0x20);
        var misp = JsonNode.Parse(bytes)!["Event"]!.AsObject();
        Assert.Equal(hostile, (string?)misp["info"]);
        var attribute = Assert.Single(Attributes(misp), a => (string?)a["type"] == "text" && (string?)a["category"] == "Payload delivery");
        Assert.Equal(hostile, (string?)attribute["value"]);
        Assert.Equal(hostile, (string?)attribute["comment"]);
        Assert.Contains(Attributes(misp), a => (string?)a["value"] == hostile + "\uFFFD lone surrogate");
        Assert.Empty(MispCoreFormat.Validate(JsonNode.Parse(bytes)));
    }

    [Fact]
    public async Task A_report_with_60000_indicators_streams_in_bounded_writes()
    {
        var output = new MeasuringStream();
        var input = new MispEventInput(Report([]), SupplyChainPhase.ModelArtifact, ManyIndicators(60_000), [SupplyChainModel]);

        var result = await new MispEventWriter(Options).WriteAsync(output, input);

        // 30,000 URLs as attributes, 30,000 hashes as file objects of two attributes, the summary and one link.
        Assert.Equal((90_002, 30_000), (result.Attributes, result.Objects));
        Assert.True(output.Length > 15_000_000, $"{output.Length} bytes");
        Assert.True(output.LargestWrite < 256 * 1024, $"largest single write {output.LargestWrite} bytes");
        Assert.True(output.Writes > 100, $"{output.Writes} writes");
    }

    /// <summary>Generated on demand, never held as a list: half URLs (plain attributes), half SHA-256 (file objects).</summary>
    private static IEnumerable<IndicatorExport> ManyIndicators(int count)
    {
        var template = Indicator(0, IndicatorType.Url);
        for (var i = 0; i < count; i++)
        {
            yield return i % 2 == 0
                ? template with { Id = new Guid($"00000000-0000-4000-8000-{i:D12}"), NormalizedValue = $"https://models.example.net/{i}/model.bin" }
                : template with { Id = new Guid($"00000000-0000-4000-8000-{i:D12}"), Type = IndicatorType.ModelFileSha256, NormalizedValue = $"{i:x64}" };
        }
    }
}
