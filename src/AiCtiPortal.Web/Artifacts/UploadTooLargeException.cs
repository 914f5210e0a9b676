namespace AiCtiPortal.Web.Artifacts;

/// <summary>An upload passed <see cref="ScanningOptions.MaxUploadBytes"/>; the message is meant for the uploader.</summary>
public sealed class UploadTooLargeException(long limit)
    : Exception($"The file is larger than the {ByteSize.Describe(limit)} limit for scans; nothing was kept.")
{
    public long Limit { get; } = limit;
}
