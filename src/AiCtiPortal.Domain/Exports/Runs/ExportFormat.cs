namespace AiCtiPortal.Domain.Exports.Runs;

public enum ExportFormat
{
    StixBundle,
    MispEvents,
    Csv,
    JsonLines,
}

public enum ExportKind
{
    Full,
    Incremental,
}

public enum ExportRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
