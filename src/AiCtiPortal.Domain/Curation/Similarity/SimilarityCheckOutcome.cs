namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>How a similarity check ended, in the sentence the job monitor shows.</summary>
public sealed record SimilarityCheckOutcome(SimilarityCheckStatus Status, string Message)
{
    public static SimilarityCheckOutcome Completed(Guid reportId, int version, int added, int alreadyDecided) => new(
        SimilarityCheckStatus.Completed,
        $"Checked version {version} of report {reportId}: {added} open finding(s)" +
        (alreadyDecided > 0 ? $", {alreadyDecided} already decided by a reviewer and left as decided." : "."));

    public static SimilarityCheckOutcome ReportMissing(Guid reportId) => new(
        SimilarityCheckStatus.ReportMissing, $"Nothing checked: report {reportId} was deleted before its similarity check finished.");

    public static SimilarityCheckOutcome VersionChanged(Guid reportId, int checkedVersion, int currentVersion) => new(
        SimilarityCheckStatus.VersionChanged,
        $"Nothing stored: report {reportId} moved from version {checkedVersion} to {currentVersion} while it was checked; the check queued for version {currentVersion} covers it.");
}

public enum SimilarityCheckStatus
{
    Completed,
    ReportMissing,
    VersionChanged,
}
