namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>How a submission's quality check ended, in the sentence the job monitor shows.</summary>
public sealed record QualityCheckOutcome(QualityCheckStatus Status, string Message)
{
    public static QualityCheckOutcome Completed(Guid reportId, int version, int reportScore, int indicators, int skipped) => new(
        skipped == 0 ? QualityCheckStatus.Completed : QualityCheckStatus.ItemsChanged,
        $"Checked version {version} of report {reportId}: score {reportScore}/100, {indicators} indicator(s) scored" +
        (skipped == 0 ? "." : $"; {skipped} item(s) changed or were deleted during the check and were left unscored (their next check covers them)."));

    public static QualityCheckOutcome ReportMissing(Guid reportId) => new(
        QualityCheckStatus.ReportMissing, $"Nothing checked: report {reportId} was deleted before its quality check ran.");

    public static QualityCheckOutcome VersionChanged(Guid reportId, int checkedVersion, int currentVersion) => new(
        QualityCheckStatus.VersionChanged,
        $"Nothing stored: report {reportId} moved from version {checkedVersion} to {currentVersion}; the check queued for version {currentVersion} covers it.");
}

public enum QualityCheckStatus
{
    Completed,
    ItemsChanged,
    ReportMissing,
    VersionChanged,
}
