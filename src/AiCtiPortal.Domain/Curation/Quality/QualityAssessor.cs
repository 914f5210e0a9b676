namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// Runs the quality checks. Pure and thread-safe: build one per job run (or per page) with the options, the clock
/// and the ATLAS techniques, then assess any number of reports and indicators, from any number of threads.
/// </summary>
public sealed class QualityAssessor
{
    private readonly TimeProvider _time;
    private readonly IndicatorQualityChecks _indicators;
    private readonly ReportQualityChecks _reports;

    public QualityAssessor(QualityOptions options, TimeProvider time, TechniqueTactics atlas)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(atlas);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The quality options cannot be used: " + string.Join(" ", problems), nameof(options));
        }

        Options = options;
        _time = time;
        _indicators = new IndicatorQualityChecks(options);
        _reports = new ReportQualityChecks(options, atlas);
    }

    public QualityOptions Options { get; }

    /// <summary>Assesses one indicator; <paramref name="claims"/> are other items' rows with the same ValueHash.</summary>
    public QualityAssessment Assess(IndicatorQualityInput indicator, IReadOnlyList<IndicatorClaim>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return _indicators.Assess(indicator, claims ?? [], _time.GetUtcNow().UtcDateTime);
    }

    public QualityAssessment Assess(ReportQualityInput report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _reports.Assess(report);
    }
}
