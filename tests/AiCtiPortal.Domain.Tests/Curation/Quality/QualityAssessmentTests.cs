using System.Text.RegularExpressions;
using AiCtiPortal.Domain.Curation.Quality;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using static AiCtiPortal.Domain.Tests.Curation.Quality.QualityTestData;

namespace AiCtiPortal.Domain.Tests.Curation.Quality;

public class QualityAssessmentTests
{
    [Fact]
    public void Score_is_100_minus_the_weights_of_the_findings()
    {
        var assessment = Assessor().Assess(new ReportQualityInput(
            Guid.NewGuid(), "", "", "", SupplyChainPhase.None, Tlp.Green, [], [], 0));

        // title 20 + summary 10 + phase 10 + no evidence 40 + short body 10 + no techniques 5
        Assert.Equal(95, assessment.Findings.Sum(f => f.Weight));
        Assert.Equal(5, assessment.Score);
    }

    [Fact]
    public void Score_never_drops_below_zero()
    {
        var heavy = QualityOptions.Default with { ReportNoEvidenceWeight = 100, ReportTitleMissingWeight = 100 };

        var assessment = Assessor(heavy).Assess(Report() with { Title = "", References = [], IndicatorCount = 0 });

        Assert.Equal(0, assessment.Score);
        Assert.Equal(200, assessment.Findings.Sum(f => f.Weight));
    }

    [Fact]
    public void Weights_come_from_the_options_and_a_zero_weight_still_reports_the_finding()
    {
        var assessor = Assessor(QualityOptions.Default with { ReportSummaryMissingWeight = 0, ReportTitleMissingWeight = 33 });

        var assessment = assessor.Assess(Report() with { Title = "", Summary = "" });

        Assert.Equal([(QualityRules.ReportTitleMissing.Code, 33), (QualityRules.ReportSummaryMissing.Code, 0)],
            assessment.Findings.Select(f => (f.Code, f.Weight)));
        Assert.Equal(67, assessment.Score);
    }

    [Fact]
    public void Findings_are_ordered_by_severity_then_weight_then_code()
    {
        var assessment = QualityAssessment.Of(
        [
            new("b.note", QualitySeverity.Info, 9, "n", []),
            new("b.warning", QualitySeverity.Warning, 5, "w", []),
            new("a.warning", QualitySeverity.Warning, 5, "w", []),
            new("z.error", QualitySeverity.Error, 1, "e", []),
            new("c.warning", QualitySeverity.Warning, 20, "w", []),
        ]);

        Assert.Equal(["z.error", "c.warning", "a.warning", "b.warning", "b.note"], assessment.Findings.Select(f => f.Code));
        Assert.Equal(60, assessment.Score);
    }

    [Fact]
    public void Real_assessment_lists_errors_before_warnings_before_notes()
    {
        var assessment = Assessor().Assess(Indicator(IndicatorType.ModelHubRepository, "huggingface/acme/model") with
        {
            Phases = SupplyChainPhase.None, ValueHash = "x", ValidUntil = Now.AddDays(-1),
        });

        Assert.Equal(
            [QualityRules.IndicatorHashMismatch.Code, QualityRules.IndicatorExpired.Code, QualityRules.IndicatorPhaseMissing.Code, QualityRules.IndicatorRevisionMissing.Code],
            assessment.Findings.Select(f => f.Code));
        Assert.True(assessment.HasErrors);
    }

    [Fact]
    public void Assessment_without_findings_is_the_shared_perfect_one()
    {
        Assert.Same(QualityAssessment.Perfect, QualityAssessment.Of([]));
        Assert.Equal(100, QualityAssessment.Perfect.Score);
        Assert.False(QualityAssessment.Perfect.HasErrors);
    }

    [Fact]
    public void Rule_codes_are_unique_stable_in_form_and_found_by_code()
    {
        var codes = QualityRules.All.Select(r => r.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches(new Regex("^(indicator|report)\\.[a-z]+(-[a-z]+)*$"), code));
        Assert.All(QualityRules.All, rule => Assert.Same(rule, QualityRules.Find(rule.Code)));
        Assert.Null(QualityRules.Find("report.retired-code"));
        Assert.Equal("indicator.format-invalid", QualityRules.IndicatorFormatInvalid.Code);
        Assert.Equal("report.no-evidence", QualityRules.ReportNoEvidence.Code);
    }

    [Fact]
    public void Default_weights_rank_errors_above_warnings_above_notes()
    {
        int Lightest(QualitySeverity s) => QualityRules.All.Where(r => r.Severity == s).Min(r => r.WeightUnder(QualityOptions.Default));
        int Heaviest(QualitySeverity s) => QualityRules.All.Where(r => r.Severity == s).Max(r => r.WeightUnder(QualityOptions.Default));

        Assert.True(Lightest(QualitySeverity.Error) >= Heaviest(QualitySeverity.Warning));
        Assert.True(Lightest(QualitySeverity.Warning) >= Heaviest(QualitySeverity.Info));
        Assert.Empty(QualityOptions.Default.Problems());
    }

    [Theory]
    [InlineData(-1, 70, 30, "indicator.format-invalid")]
    [InlineData(101, 70, 30, "indicator.format-invalid")]
    [InlineData(50, 30, 30, "LowConfidence")]
    [InlineData(50, 101, 30, "HighConfidence")]
    public void Unusable_options_are_refused_with_the_reason(int formatWeight, int high, int low, string named)
    {
        var options = QualityOptions.Default with { IndicatorFormatInvalidWeight = formatWeight, HighConfidence = high, LowConfidence = low };

        var error = Assert.Throws<ArgumentException>(() => Assessor(options));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assessor_reads_the_clock_at_each_assessment()
    {
        var clock = new MovingClock(Now);
        var assessor = new QualityAssessor(QualityOptions.Default, clock, QualityTestData.Atlas);
        var indicator = Indicator() with { ValidUntil = Now.AddDays(1) };

        Assert.Equal(100, assessor.Assess(indicator).Score);
        clock.Now = Now.AddDays(2);
        Assert.Equal(QualityRules.IndicatorExpired.Code, Assert.Single(assessor.Assess(indicator).Findings).Code);
    }

    [Fact]
    public void Assessing_a_clean_indicator_allocates_no_more_than_the_catalogues_validation()
    {
        var assessor = Assessor();
        var indicator = Indicator(IndicatorType.Domain, "models-cdn.example.net");
        for (var i = 0; i < 100; i++)
        {
            assessor.Assess(indicator);
            IndicatorCatalogue.Validate(indicator.Type, indicator.Value);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        IndicatorCatalogue.Validate(indicator.Type, indicator.Value);
        var validation = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var assessment = assessor.Assess(indicator);
        var assessing = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Same(QualityAssessment.Perfect, assessment);
        Assert.True(assessing <= validation, $"Assessing allocated {assessing} bytes; validation alone allocates {validation}.");
    }

    private sealed class MovingClock(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }
}
