using AiCtiPortal.Domain.Curation.Quality;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using static AiCtiPortal.Domain.Tests.Curation.Quality.QualityTestData;

namespace AiCtiPortal.Domain.Tests.Curation.Quality;

public class ReportQualityChecksTests
{
    private readonly QualityAssessor _assessor = Assessor();

    [Fact]
    public void Complete_report_scores_100()
    {
        var assessment = _assessor.Assess(Report());

        Assert.Empty(assessment.Findings);
        Assert.Equal(100, assessment.Score);
    }

    [Fact]
    public void Missing_title_is_an_error()
    {
        Single(_assessor.Assess(Report() with { Title = " " }), QualityRules.ReportTitleMissing);
    }

    [Fact]
    public void Missing_summary_is_flagged()
    {
        Single(_assessor.Assess(Report() with { Summary = "" }), QualityRules.ReportSummaryMissing);
    }

    [Fact]
    public void Report_without_phases_is_flagged_and_its_techniques_are_not_judged_against_phases()
    {
        Single(_assessor.Assess(Report() with { Phases = SupplyChainPhase.None, TechniqueIds = ["AML.T0091"] }),
            QualityRules.ReportPhaseMissing);
    }

    [Fact]
    public void Report_with_neither_references_nor_indicators_has_no_evidence()
    {
        Single(_assessor.Assess(Report() with { References = [], IndicatorCount = 0 }), QualityRules.ReportNoEvidence);
    }

    [Fact]
    public void Report_without_references_is_flagged()
    {
        Single(_assessor.Assess(Report() with { References = [] }), QualityRules.ReportNoReferences);
    }

    [Fact]
    public void Report_without_indicators_is_a_note()
    {
        Single(_assessor.Assess(Report() with { IndicatorCount = 0 }), QualityRules.ReportNoIndicators);
    }

    [Fact]
    public void Short_body_is_flagged_and_surrounding_whitespace_does_not_count()
    {
        var finding = Single(_assessor.Assess(Report() with { BodyMarkdown = "  " + new string('a', 120) + new string('\n', 400) }),
            QualityRules.ReportBodyShort);

        Assert.Contains("120 characters; at least 300", finding.Message, StringComparison.Ordinal);
        Assert.Equal(100, Assessor(QualityOptions.Default with { MinBodyLength = 100 })
            .Assess(Report() with { BodyMarkdown = new string('a', 120) }).Score);
    }

    [Fact]
    public void Reference_that_is_not_an_http_address_is_flagged_by_url()
    {
        var finding = Single(_assessor.Assess(Report() with
        {
            References = [.. Report().References, new ReferenceQualityInput("javascript:alert(1)", null)],
        }), QualityRules.ReportReferenceInvalid);

        Assert.Equal(["javascript:alert(1)"], finding.Subjects);
    }

    [Theory]
    [InlineData("Partner bulletin (TLP:AMBER)", "https://partner.example.com/bulletins/17", Tlp.Amber)]
    [InlineData(null, "https://partner.example.com/files/report-tlp-red.pdf", Tlp.Red)]
    [InlineData("tlp: amber+strict sharing", "https://partner.example.com/x", Tlp.AmberStrict)]
    public void Report_shared_more_widely_than_a_marked_source_is_flagged(string? title, string url, Tlp source)
    {
        var finding = Single(_assessor.Assess(Report() with
        {
            References = [.. Report().References, new ReferenceQualityInput(url, title)],
        }), QualityRules.ReportTlpBelowSource);

        Assert.Equal([url], finding.Subjects);
        Assert.Contains($"marked up to {TlpLabels.Of(source)}", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_at_or_above_its_sources_marking_is_consistent()
    {
        var report = Report() with
        {
            Tlp = Tlp.Red,
            References = [new ReferenceQualityInput("https://partner.example.com/b/17", "TLP:AMBER bulletin")],
        };

        Assert.Equal(100, _assessor.Assess(report).Score);
    }

    [Theory]
    [InlineData(Tlp.Amber)]
    [InlineData(Tlp.AmberStrict)]
    [InlineData(Tlp.Red)]
    public void Restricted_report_citing_only_public_sources_gets_a_note(Tlp tlp)
    {
        var finding = Single(_assessor.Assess(Report() with { Tlp = tlp }), QualityRules.ReportTlpPublicSourcesOnly);

        Assert.Equal(QualitySeverity.Info, finding.Severity);
    }

    [Theory]
    [InlineData("https://wiki.corp/incidents/17")]
    [InlineData("https://jira/browse/SEC-1")]
    [InlineData("http://10.2.3.4/share/report")]
    [InlineData("https://soc.internal/cases/9")]
    public void Restricted_report_with_an_internal_source_is_consistent(string url)
    {
        var report = Report() with { Tlp = Tlp.Amber, References = [.. Report().References, new ReferenceQualityInput(url, null)] };

        Assert.Equal(100, _assessor.Assess(report).Score);
    }

    [Fact]
    public void Open_report_citing_an_internal_source_is_consistent()
    {
        var report = Report() with { Tlp = Tlp.Clear, References = [new ReferenceQualityInput("https://wiki.corp/incidents/17", null)] };

        Assert.Equal(100, _assessor.Assess(report).Score);
    }

    [Fact]
    public void Report_without_techniques_gets_a_note_and_no_phase_findings()
    {
        Single(_assessor.Assess(Report() with { TechniqueIds = [] }), QualityRules.ReportNoTechniques);
        Single(_assessor.Assess(Report() with { Phases = SupplyChainPhase.Training, TechniqueIds = [" ", ""] }), QualityRules.ReportNoTechniques);
    }

    [Fact]
    public void Technique_missing_from_the_atlas_release_is_flagged_by_id()
    {
        var finding = Single(_assessor.Assess(Report() with { TechniqueIds = ["AML.T0010.003", "AML.T9999", "aml.t9999"] }),
            QualityRules.ReportTechniqueUnknown);

        Assert.Equal(["AML.T9999"], finding.Subjects);
    }

    [Fact]
    public void Technique_ids_match_whatever_their_case_and_spacing()
    {
        Assert.Equal(100, _assessor.Assess(Report() with { TechniqueIds = [" aml.t0010.003 "] }).Score);
    }

    [Fact]
    public void Without_an_imported_atlas_release_techniques_are_not_judged()
    {
        var assessor = Assessor(atlas: TechniqueTactics.Empty);

        Assert.Equal(100, assessor.Assess(Report() with { TechniqueIds = ["AML.T9999"] }).Score);
    }

    [Fact]
    public void Technique_whose_tactics_fit_none_of_the_phases_is_flagged()
    {
        // Poison Training Data fits Training; Use Alternate Authentication Material (Lateral Movement) fits only Deployment.
        var finding = Single(_assessor.Assess(Report() with { Phases = SupplyChainPhase.Training, TechniqueIds = ["AML.T0020", "AML.T0091"] }),
            QualityRules.ReportTechniqueOutsidePhases);

        Assert.Equal(["AML.T0091"], finding.Subjects);
        Assert.Contains("none of the report's phases (training)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Phase_that_no_technique_fits_is_flagged()
    {
        // User Execution (Execution) fits model artifacts but not training.
        var finding = Single(_assessor.Assess(Report() with
        {
            Phases = SupplyChainPhase.ModelArtifact | SupplyChainPhase.Training, TechniqueIds = ["AML.T0011"],
        }), QualityRules.ReportPhaseWithoutTechnique);

        Assert.Equal(["Training"], finding.Subjects);
        Assert.Contains("fits the training phase", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sub_technique_takes_its_parents_tactics()
    {
        // AI Supply Chain Compromise: Model inherits Initial Access, which fits dependencies but not training.
        Assert.Equal(100, _assessor.Assess(Report() with { Phases = SupplyChainPhase.Dependencies }).Score);
        Assert.Equal(QualityRules.ReportTechniqueOutsidePhases.Code,
            _assessor.Assess(Report() with { Phases = SupplyChainPhase.Training }).Findings[0].Code);
    }

    [Theory]
    [InlineData("AML.T0000")] // Reconnaissance
    [InlineData("AML.T0999")] // a tactic the map does not know yet
    public void Techniques_whose_tactics_name_no_phase_neither_fit_nor_contradict(string technique)
    {
        Assert.Equal(100, _assessor.Assess(Report() with { Phases = SupplyChainPhase.Training, TechniqueIds = [technique] }).Score);
    }

    [Fact]
    public void Tactic_map_is_configurable()
    {
        var map = new Dictionary<string, SupplyChainPhase>(TacticPhaseMap.Default, StringComparer.OrdinalIgnoreCase)
        {
            ["AML.TA0015"] = SupplyChainPhase.Training,
        };
        var assessor = Assessor(QualityOptions.Default with { TacticPhases = map });

        Assert.Equal(100, assessor.Assess(Report() with { Phases = SupplyChainPhase.Training, TechniqueIds = ["AML.T0091"] }).Score);
    }

    [Fact]
    public void Input_from_a_stored_report_and_from_a_draft_agree()
    {
        var report = new ThreatReport
        {
            Title = "t", Summary = "s", BodyMarkdown = "b", Phases = SupplyChainPhase.Data, Tlp = Tlp.Amber,
            References = [new ReportReference { Url = "https://a.example.com", Title = "A" }],
            Techniques = [new ReportTechnique { TechniqueId = "AML.T0020" }],
            Indicators = [new ReportIndicator { Indicator = new Indicator() }, new ReportIndicator { Indicator = new Indicator() }],
        };

        var stored = ReportQualityInput.From(report);
        var draft = ReportQualityInput.From(report.Id, ReportDraft.Of(report));

        foreach (var input in new[] { stored, draft })
        {
            Assert.Equal((report.Id, "t", "s", "b", SupplyChainPhase.Data, Tlp.Amber, 2),
                (input.Id, input.Title, input.Summary, input.BodyMarkdown, input.Phases, input.Tlp, input.IndicatorCount));
            Assert.Equal([new ReferenceQualityInput("https://a.example.com", "A")], input.References);
            Assert.Equal(["AML.T0020"], input.TechniqueIds);
        }
    }
}
