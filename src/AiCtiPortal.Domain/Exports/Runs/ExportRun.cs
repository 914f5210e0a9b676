using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>
/// One export of one curated set in one format: what was asked, how far it got, what it holds and where its package
/// is. Built once per set and downloaded by every reader organisation, so its ceiling is the lowest any reader has.
/// </summary>
public class ExportRun
{
    public const int MaxFolderLength = 64;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid CuratedSetId { get; set; }

    public ExportFormat Format { get; set; }

    /// <summary>What was built; an incremental request becomes Full when the set itself changed (see <see cref="Message"/>).</summary>
    public ExportKind Kind { get; set; }

    /// <summary>For an incremental export: the previous successful run's cut-off; items changed after it are included.</summary>
    public DateTime? Since { get; set; }

    /// <summary>The time the data was read up to; the next incremental export starts here.</summary>
    public DateTime? CutOff { get; set; }

    public ExportRunStatus Status { get; set; } = ExportRunStatus.Queued;

    /// <summary>0-100.</summary>
    public int Progress { get; set; }

    /// <summary>The marking ceiling the export was built at: min(set ceiling, lowest reader clearance).</summary>
    public Tlp Ceiling { get; set; }

    public long ReportCount { get; set; }

    public long IndicatorCount { get; set; }

    /// <summary>Objects in the format's own terms: STIX objects, MISP attributes and objects, CSV/JSONL rows.</summary>
    public long ObjectCount { get; set; }

    /// <summary>Sum of the package's file sizes, the manifest excluded.</summary>
    public long TotalBytes { get; set; }

    /// <summary>The package folder's name under data/exports/{set id}/, once published.</summary>
    public string? PackageFolder { get; set; }

    public Guid? JobRunId { get; set; }

    /// <summary>User id of the curator who asked.</summary>
    public string RequestedBy { get; set; } = "";

    public DateTime QueuedAt { get; set; } = DateTime.UtcNow;

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Set when retention deleted the package; the row stays as history.</summary>
    public DateTime? ExpiredAt { get; set; }

    /// <summary>For people: what was built, or why it was built differently from the request.</summary>
    public string? Message { get; set; }

    public string? Error { get; set; }
}
