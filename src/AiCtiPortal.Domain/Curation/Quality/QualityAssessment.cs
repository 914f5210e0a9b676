namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// The quality verdict on one report or indicator: a score from 0 to 100 and the findings that explain every point
/// it lost. The score is 100 minus the findings' weights, never below 0, so a reviewer can always see why.
/// </summary>
public sealed record QualityAssessment
{
    public const int MaxScore = 100;

    /// <summary>The assessment of an item with nothing to report; shared, so clean items allocate nothing.</summary>
    public static QualityAssessment Perfect { get; } = new(MaxScore, []);

    private QualityAssessment(int score, IReadOnlyList<QualityFinding> findings)
    {
        Score = score;
        Findings = findings;
    }

    public int Score { get; }

    /// <summary>Errors first, then warnings, then notes; within a severity the costliest first, then by code.</summary>
    public IReadOnlyList<QualityFinding> Findings { get; }

    public bool HasErrors
    {
        get
        {
            for (var i = 0; i < Findings.Count; i++)
            {
                if (Findings[i].Severity == QualitySeverity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Orders the findings and derives the score from their weights.</summary>
    public static QualityAssessment Of(IEnumerable<QualityFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var ordered = new List<QualityFinding>(findings);
        if (ordered.Count == 0)
        {
            return Perfect;
        }

        ordered.Sort(FindingOrder.Instance);
        var cost = 0;
        foreach (var finding in ordered)
        {
            // Weights are validated non-negative by QualityOptions; saturate rather than overflow on absurd settings.
            cost = (int)Math.Min(int.MaxValue, (long)cost + Math.Max(0, finding.Weight));
        }

        return new QualityAssessment(Math.Max(0, MaxScore - cost), ordered.AsReadOnly());
    }

    private sealed class FindingOrder : IComparer<QualityFinding>
    {
        public static readonly FindingOrder Instance = new();

        public int Compare(QualityFinding? x, QualityFinding? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? 1 : -1;
            }

            var order = y.Severity.CompareTo(x.Severity);
            if (order == 0)
            {
                order = y.Weight.CompareTo(x.Weight);
            }

            if (order == 0)
            {
                order = string.CompareOrdinal(x.Code, y.Code);
            }

            // The message last, so that the order is total and two runs over the same item always agree.
            return order != 0 ? order : string.CompareOrdinal(x.Message, y.Message);
        }
    }
}
