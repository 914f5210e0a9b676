namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>What a nightly re-check did, and the sentence the job monitor shows for it.</summary>
public sealed record QualityRecheckOutcome(
    int Indicators, int Reports, int ScoresChanged, int ConfidencesDecayed, int Skipped, int StaleRemoved, TimeSpan Elapsed)
{
    public string Message =>
        $"Re-checked {Indicators:N0} published indicator(s) and {Reports:N0} report(s) in {Elapsed.TotalSeconds:N0} s: " +
        $"{ScoresChanged:N0} score(s) changed, {ConfidencesDecayed:N0} confidence(s) lowered or restored by decay" +
        (Skipped == 0 ? "" : $"; {Skipped:N0} item(s) changed or were deleted during the run and were left for their next check") +
        (StaleRemoved == 0 ? "." : $"; {StaleRemoved:N0} assessment(s) of deleted items removed.");
}
