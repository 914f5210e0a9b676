using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>One run as the Exports page shows it; <see cref="Files"/> (from the manifest) only while it can be downloaded.</summary>
public sealed record ExportRunView(
    Guid Id, ExportFormat Format, ExportKind Kind, ExportRunStatus Status, int Progress, DateTime QueuedAt, DateTime? FinishedAt,
    DateTime? Since, DateTime? CutOff, Tlp Ceiling, long Reports, long Indicators, long Objects, long TotalBytes, bool Expired,
    string? Message, IReadOnlyList<ExportFile> Files)
{
    public bool IsActive => Status is ExportRunStatus.Queued or ExportRunStatus.Running;

    public bool IsDownloadable => Status == ExportRunStatus.Succeeded && !Expired && Files.Count > 0;
}

/// <summary>A set the viewer may read, with its export history, newest first.</summary>
public sealed record ExportSetHistory(ReadableCuratedSet Set, IReadOnlyList<ExportRunView> Runs);

/// <summary>Which of a set's runs to list; null and false narrow nothing.</summary>
public sealed record ExportRunFilter(ExportFormat? Format = null, ExportKind? Kind = null, ExportRunStatus? Status = null, bool DownloadableOnly = false);

/// <summary>One page of a set's runs, newest first.</summary>
public sealed record ExportRunPage(ReadableCuratedSet Set, IReadOnlyList<ExportRunView> Runs, int Page, int PageSize, int TotalCount);

/// <summary>A run with the set it exports.</summary>
public sealed record ExportRunOfSet(Guid SetId, ExportRunView Run);

/// <summary>A file a viewer may download: where it is, and how to serve it.</summary>
public sealed record ExportDownload(string FullPath, string FileName, string ContentType);
