namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// One kind of finding: its stable code, its severity and what it means, with the option that sets its weight.
/// Pages list <see cref="QualityRules.All"/> as a legend; checks raise findings through these descriptors only, so a
/// code can never be raised with two different severities.
/// </summary>
public sealed class QualityRule
{
    private readonly Func<QualityOptions, int> _weight;

    internal QualityRule(string code, QualitySeverity severity, string title, Func<QualityOptions, int> weight)
    {
        Code = code;
        Severity = severity;
        Title = title;
        _weight = weight;
    }

    public string Code { get; }

    public QualitySeverity Severity { get; }

    /// <summary>A short name for the legend ("Value no longer passes the catalogue").</summary>
    public string Title { get; }

    /// <summary>The points a finding of this kind costs under <paramref name="options"/>.</summary>
    public int WeightUnder(QualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _weight(options);
    }

    public override string ToString() => Code;
}
