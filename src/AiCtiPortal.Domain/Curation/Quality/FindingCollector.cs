namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// Gathers one item's findings. A struct whose list is created on the first finding, so assessing a clean item
/// allocates nothing here and returns the shared <see cref="QualityAssessment.Perfect"/>.
/// </summary>
internal struct FindingCollector(QualityOptions options)
{
    private List<QualityFinding>? _findings;

    public void Add(QualityRule rule, string message) => Add(rule, message, []);

    public void Add(QualityRule rule, string message, IReadOnlyList<string> subjects)
    {
        _findings ??= new List<QualityFinding>(4);
        _findings.Add(new QualityFinding(rule.Code, rule.Severity, rule.WeightUnder(options), message, subjects));
    }

    public readonly QualityAssessment Result() =>
        _findings is null ? QualityAssessment.Perfect : QualityAssessment.Of(_findings);
}
