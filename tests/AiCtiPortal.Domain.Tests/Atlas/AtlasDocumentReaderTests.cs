using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Atlas.Yaml;

namespace AiCtiPortal.Domain.Tests.Atlas;

public class AtlasDocumentReaderTests
{
    private static AtlasDocument Read(string yaml, YamlReadLimits? limits = null) =>
        AtlasDocumentReader.Read(new StringReader(yaml), limits ?? new YamlReadLimits());

    private static AtlasFormatException Rejects(string yaml, string fragment, YamlReadLimits? limits = null)
    {
        var ex = Assert.Throws<AtlasFormatException>(() => Read(yaml, limits));
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void Official_atlas_5_6_0_has_the_documented_counts()
    {
        var document = Read(SharedAtlasFile.ReadText());

        Assert.Equal("5.6.0", document.Version);
        Assert.Equal(16, document.Tactics.Count);
        Assert.Equal(170, document.Techniques.Count);
        Assert.Equal(35, document.MitigationCount);
        Assert.Equal(57, document.CaseStudyCount);
    }

    [Fact]
    public void Official_file_keeps_matrix_order_parents_and_tactics()
    {
        var document = Read(SharedAtlasFile.ReadText());

        Assert.Equal(("AML.TA0002", "Reconnaissance", 0), (document.Tactics[0].Id, document.Tactics[0].Name, document.Tactics[0].Order));
        var sub = document.Techniques.Single(t => t.Id == "AML.T0000.000");
        Assert.Equal("AML.T0000", sub.ParentId);
        Assert.Equal("feasible", sub.Maturity);
        Assert.Equal(["AML.TA0002"], sub.Tactics.Select(t => t.TacticId));
        Assert.All(document.Techniques, t => Assert.NotEmpty(t.Tactics));
        Assert.All(document.Techniques.Where(t => t.Id.Length > "AML.T0000".Length), t => Assert.NotNull(t.ParentId));
    }

    [Fact]
    public void Minimal_document_reads_with_inherited_sub_technique_tactics()
    {
        var document = Read(AtlasYaml.Minimal);

        Assert.Equal("1.0.0", document.Version);
        Assert.Equal(["AML.TA0001", "AML.TA0002"], document.Techniques[1].Tactics.Select(t => t.TacticId));
        Assert.All(document.Techniques[1].Tactics, t => Assert.Equal("AML.T0001.000", t.TechniqueId));
        Assert.Equal((1, 1), (document.MitigationCount, document.CaseStudyCount));
    }

    [Fact]
    public void Yaml_syntax_errors_report_line_and_column()
    {
        var ex = Rejects(AtlasYaml.Minimal.ReplaceFirst("name: Technique One", "name: 'Technique One"), "Line ");
        Assert.Contains("column", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_version_is_rejected() =>
        Rejects(AtlasYaml.Minimal.ReplaceFirst("version: 1.0.0\n", ""), "The file has no version");

    [Fact]
    public void Missing_matrices_is_rejected() =>
        Rejects("id: ATLAS\nname: x\nversion: 1\n", "no 'matrices' list");

    [Theory]
    [InlineData("- id: AML.TA0001", "- id: AML.TAX001", "'AML.TAX001' is not a well-formed ATLAS tactic id")]
    [InlineData("- id: AML.T0001\n", "- id: AML.T001\n", "'AML.T001' is not a well-formed ATLAS technique id")]
    [InlineData("- id: AML.M0001", "- id: M0001", "'M0001' is not a well-formed ATLAS mitigation id")]
    public void Malformed_ids_are_rejected_with_their_line(string find, string replace, string error)
    {
        var ex = Rejects(AtlasYaml.Minimal.ReplaceFirst(find, replace), error);
        Assert.NotNull(ex.Line);
    }

    [Fact]
    public void Sub_technique_with_undefined_parent_is_named()
    {
        var yaml = AtlasYaml.Minimal
            .ReplaceFirst("- id: AML.T0001.000", "- id: AML.T0099.001")
            .ReplaceFirst("subtechnique-of: AML.T0001", "subtechnique-of: AML.T0099");
        Rejects(yaml, "Technique AML.T0099.001 names parent AML.T0099, which the file does not define.");
    }

    [Fact]
    public void Sub_technique_parent_must_match_its_id() =>
        Rejects(AtlasYaml.Minimal.ReplaceFirst("subtechnique-of: AML.T0001", "subtechnique-of: AML.T0002"), "its id makes it a sub-technique of AML.T0001");

    [Fact]
    public void Unknown_tactic_reference_is_rejected() =>
        Rejects(AtlasYaml.Minimal.ReplaceFirst("- AML.TA0002", "- AML.TA0042"), "lists tactic AML.TA0042, which the file does not define");

    [Fact]
    public void Mitigation_referring_to_unknown_technique_is_rejected() =>
        Rejects(AtlasYaml.Minimal.ReplaceFirst("- id: AML.T0001\n      use", "- id: AML.T0042\n      use"), "refers to technique AML.T0042");

    [Fact]
    public void Duplicate_technique_is_rejected() =>
        Rejects(AtlasYaml.Minimal.ReplaceFirst("- id: AML.T0001.000", "- id: AML.T0001"), "Technique AML.T0001 is defined twice");

    [Fact]
    public void Technique_without_name_is_rejected() =>
        Rejects(AtlasYaml.Minimal.ReplaceFirst("\n    name: Technique One", ""), "Technique AML.T0001 has no name");

    [Fact]
    public void Empty_file_is_rejected() => Rejects("", "The file is empty");

    [Fact]
    public void A_second_document_is_rejected() =>
        Rejects(AtlasYaml.Minimal + "\n---\nid: other\n", "more than one YAML document");

    [Fact]
    public void Damage_after_the_document_is_reported() =>
        Rejects(AtlasYaml.Minimal + "\n]\n", "not valid YAML");

    [Fact]
    public void Anchors_aliases_and_merge_keys_are_understood()
    {
        var yaml = AtlasYaml.Minimal
            .ReplaceFirst("  - id: AML.T0001\n    name: Technique One\n", "  - &base\n    id: AML.T0001\n    name: Technique One\n")
            .ReplaceFirst("  - id: AML.T0001.000\n    name: Sub-technique\n", "  - <<: *base\n    id: AML.T0001.000\n    name: Sub-technique\n");

        var sub = Read(yaml).Techniques[1];

        Assert.Equal("Sub-technique", sub.Name);
        Assert.Equal(["AML.TA0001", "AML.TA0002"], sub.Tactics.Select(t => t.TacticId));
    }

    [Fact]
    public void Billion_laughs_is_refused_before_it_expands()
    {
        var lines = new List<string> { "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i < 12; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        Rejects(string.Join('\n', lines), "billion laughs");
    }

    [Fact]
    public void Alias_count_is_limited() =>
        Rejects("a: &a x\nb: [*a, *a, *a, *a]\n", "more than 3 aliases", new YamlReadLimits(MaxAliases: 3));

    [Fact]
    public void Deep_nesting_is_refused() =>
        Rejects(new string('[', 100) + new string(']', 100), "nests deeper than 64 levels");

    [Fact]
    public void Undefined_alias_is_rejected() => Rejects("a: *nowhere\n", "refers to an anchor that is not defined");

    [Fact]
    public void Language_tags_never_construct_objects()
    {
        var yaml = AtlasYaml.Minimal.ReplaceFirst("name: Technique One", "name: !!python/object/apply:os.system [\"id\"]");

        // The tagged node is a list, not text: rejected as data, never executed or instantiated.
        Rejects(yaml, "'name' should be text");
        var tagged = Read(AtlasYaml.Minimal.ReplaceFirst("name: Technique One", "name: !!python/str Technique One"));
        Assert.Equal("Technique One", tagged.Techniques[0].Name);
    }

    [Fact]
    public void Truncated_official_file_is_rejected()
    {
        var text = SharedAtlasFile.ReadText();
        var cut = text.IndexOf("  - id: AML.T0010", StringComparison.Ordinal) + "  - id: AML.T0010".Length;

        Rejects(text[..cut], "Technique AML.T0010 has no name");
    }
}
