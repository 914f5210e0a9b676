using AiCtiPortal.Domain.Atlas;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Turns an import failure into the sentence a curator reads on the jobs page, and decides whether a retry could
/// succeed (and so whether the uploaded file is worth keeping for one).
/// </summary>
internal sealed record AtlasImportFailure(string Message, bool Retryable)
{
    private const string Unchanged = " The ATLAS catalogue was left unchanged.";

    public static AtlasImportFailure Describe(Exception ex, AtlasImportRequest request, AtlasImportOptions options) => ex switch
    {
        AtlasFormatException format => new($"The ATLAS file was rejected: {format.Message}{Unchanged} Fix or replace the file and import it again.", false),
        JobLaunchException launch => new(launch.Message + Unchanged, false),
        FileNotFoundException or DirectoryNotFoundException => new(
            "The uploaded file is no longer on the server (it may have been cleaned up); upload it again." + Unchanged, false),
        TimeoutException timeout => new(timeout.Message + Unchanged + " Retry later, or upload the file instead.", true),
        HttpRequestException http => new(
            $"Downloading {request.Url} failed: {http.Message}{Unchanged} Check the address (Jobs:AtlasImport:SourceUrl is {options.SourceUrl}), or upload the file instead.",
            true),
        OperationCanceledException => new("The import was interrupted because the portal shut down." + Unchanged + " Retry it.", true),
        _ => new($"The import failed unexpectedly ({ex.GetType().Name}: {ex.Message}).{Unchanged} The portal's log has the details; retry once the cause is fixed.", true),
    };
}
