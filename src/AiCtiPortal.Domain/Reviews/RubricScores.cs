namespace AiCtiPortal.Domain.Reviews;

/// <summary>The five rubric scores of a review, each 1 (poor) to 5 (excellent).</summary>
public sealed record RubricScores(int Evidence, int Specificity, int Correctness, int Novelty, int Completeness)
{
    public const int Min = 1;
    public const int Max = 5;

    /// <summary>The criteria with the guidance reviewers score against, in display order.</summary>
    public static IReadOnlyList<RubricCriterion> Criteria { get; } =
    [
        new(nameof(Evidence), "Evidence",
            "1: claims without sources. 3: some artefacts or references. 5: reproducible evidence (hashes, samples, logs, links) for every claim."),
        new(nameof(Specificity), "Specificity and actionability",
            "1: generic advice. 3: names the affected component. 5: defenders can detect or block it today from the indicators given."),
        new(nameof(Correctness), "Correctness",
            "1: contains errors. 3: plausible, partly verified. 5: every technical statement and indicator checked and right."),
        new(nameof(Novelty), "Novelty",
            "1: already well documented. 3: new detail on a known technique. 5: a new technique, campaign or artefact."),
        new(nameof(Completeness), "Completeness",
            "1: key fields missing. 3: phases, TLP and some indicators. 5: phases, techniques, indicators, references and mitigations."),
    ];

    /// <summary>The names of scores outside 1-5 (an unset score is 0), for a message that says which ones.</summary>
    public IReadOnlyList<string> Invalid()
    {
        var values = new[] { Evidence, Specificity, Correctness, Novelty, Completeness };
        return Criteria.Where((_, i) => values[i] is < Min or > Max).Select(c => c.Title).ToList();
    }
}

public sealed record RubricCriterion(string Key, string Title, string Guidance);
