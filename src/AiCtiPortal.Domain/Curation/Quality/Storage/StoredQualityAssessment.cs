namespace AiCtiPortal.Domain.Curation.Quality.Storage;

/// <summary>
/// The latest quality assessment of one report or indicator: the reasons behind the item's QualityScore. One row
/// per item, replaced on every run, so it never grows with the number of runs. There is deliberately no foreign
/// key (one table serves two kinds of item); the nightly re-check removes rows whose item is gone.
/// </summary>
public class StoredQualityAssessment
{
    public const int MaxRulesVersionLength = 32;

    public QualityItemKind ItemKind { get; set; }

    public Guid ItemId { get; set; }

    /// <summary>The same value as the item's QualityScore at the time of the run.</summary>
    public int Score { get; set; }

    /// <summary>The findings as JSON (<see cref="QualityFindingsJson"/>): code, severity, weight, message, subjects.</summary>
    public string Findings { get; set; } = "[]";

    /// <summary><see cref="QualityRules.Version"/> of the rules that produced it, so a rules change can be told apart.</summary>
    public string RulesVersion { get; set; } = "";

    public DateTime AssessedAt { get; set; }
}
