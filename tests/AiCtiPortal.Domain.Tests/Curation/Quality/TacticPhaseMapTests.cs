using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Atlas.Yaml;
using AiCtiPortal.Domain.Curation.Quality;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Atlas;
using static AiCtiPortal.Domain.Tests.Curation.Quality.QualityTestData;

namespace AiCtiPortal.Domain.Tests.Curation.Quality;

/// <summary>The mapping against the real ATLAS 5.6.0 file in ../shared (the test fails clearly when it is missing).</summary>
public class TacticPhaseMapTests
{
    private static readonly Lazy<AtlasDocument> Document = new(() =>
        AtlasDocumentReader.Read(new StringReader(SharedAtlasFile.ReadText()), new YamlReadLimits()));

    [Fact]
    public void Every_tactic_of_the_atlas_release_is_mapped()
    {
        var unmapped = Document.Value.Tactics.Select(t => t.Id).Where(id => !TacticPhaseMap.Default.ContainsKey(id)).ToList();

        Assert.Empty(unmapped);
        Assert.Equal(Document.Value.Tactics.Count, TacticPhaseMap.Default.Count);
    }

    [Fact]
    public void Every_phase_is_fitted_by_some_tactic_and_only_reconnaissance_is_neutral()
    {
        foreach (var phase in SupplyChainPhases.All)
        {
            Assert.Contains(TacticPhaseMap.Default.Values, phases => phases.HasFlag(phase));
        }

        Assert.Equal(["AML.TA0002"], TacticPhaseMap.Default.Where(p => p.Value == SupplyChainPhase.None).Select(p => p.Key));
    }

    [Fact]
    public void Every_atlas_technique_has_tactics_once_sub_techniques_inherit_them()
    {
        var atlas = TechniqueTactics.From(Document.Value.Techniques);

        Assert.Equal(Document.Value.Techniques.Count, atlas.Count);
        Assert.All(atlas.TechniqueIds, id => Assert.True(atlas.TryGetTactics(id, out var tactics) && tactics.Count > 0, id));
    }

    [Theory]
    [InlineData(SupplyChainPhase.ModelArtifact, "AML.T0010.003", "AML.T0011.000")] // poisoned model on a hub, unsafe artifact
    [InlineData(SupplyChainPhase.Dependencies, "AML.T0010.001", "AML.T0011.001")] // compromised AI software, malicious package
    [InlineData(SupplyChainPhase.Data | SupplyChainPhase.Training, "AML.T0019", "AML.T0020")] // poisoned datasets
    [InlineData(SupplyChainPhase.Inference, "AML.T0051.001", "AML.T0054")] // indirect prompt injection, jailbreak
    public void Typical_supply_chain_reports_are_consistent_with_the_real_release(SupplyChainPhase phases, string first, string second)
    {
        var assessor = new QualityAssessor(QualityOptions.Default, new FixedClock(Now), TechniqueTactics.From(Document.Value.Techniques));

        var assessment = assessor.Assess(Report() with { Phases = phases, TechniqueIds = [first, second] });

        Assert.Empty(assessment.Findings);
    }

    [Fact]
    public void Lateral_movement_does_not_fit_a_training_report_in_the_real_release()
    {
        var assessor = new QualityAssessor(QualityOptions.Default, new FixedClock(Now), TechniqueTactics.From(Document.Value.Techniques));

        var assessment = assessor.Assess(Report() with { Phases = SupplyChainPhase.Training, TechniqueIds = ["AML.T0091"] });

        Assert.Equal([QualityRules.ReportTechniqueOutsidePhases.Code, QualityRules.ReportPhaseWithoutTechnique.Code],
            assessment.Findings.Select(f => f.Code));
    }
}
