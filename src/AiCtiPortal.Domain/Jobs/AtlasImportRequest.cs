namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// What an ATLAS import reads: exactly one of a file already saved under the data folder's uploads/ (deleted after
/// the import) or an http(s) URL to download.
/// </summary>
public sealed record AtlasImportRequest(string? FilePath, string? Url);
