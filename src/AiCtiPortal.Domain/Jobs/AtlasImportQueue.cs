using AiCtiPortal.Domain.Data;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Queues ATLAS imports (through <see cref="JobRunQueue"/>, so a queued run survives a restart). Also the import's retry: the same request again, provided an uploaded file is still there.
/// </summary>
internal sealed class AtlasImportQueue(JobRunQueue queue, PortalDatabaseSettings database) : IJobRetryHandler
{
    public string JobName => AtlasImportJob.Name;

    public async Task<Guid> EnqueueAsync(AtlasImportRequest request, string requestedBy, int attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        return await queue.QueueAsync(
            PortalJobs.AtlasImport,
            requestedBy,
            request,
            attempt,
            new Dictionary<string, string>
            {
                [AtlasImportJob.FilePathKey] = request.FilePath ?? "",
                [AtlasImportJob.UrlKey] = request.Url ?? "",
            },
            "import",
            ct);
    }

    public Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct)
    {
        var request = JobRunParameters.Read<AtlasImportRequest>(failed);
        // Validate would refuse too, but with the wording for a fresh upload; a retry says what happened to the file.
        if (request.FilePath is { Length: > 0 } filePath && !File.Exists(JobUploads.Resolve(database, filePath)))
        {
            throw new JobLaunchException("The file that run imported is no longer on the server; upload it again instead.");
        }

        return EnqueueAsync(request, requestedBy, failed.Attempt + 1, ct);
    }

    private void Validate(AtlasImportRequest request)
    {
        var hasFile = !string.IsNullOrWhiteSpace(request.FilePath);
        var hasUrl = !string.IsNullOrWhiteSpace(request.Url);
        if (hasFile == hasUrl)
        {
            throw new JobLaunchException("Choose either an uploaded file or a URL to import ATLAS from, not both or neither.");
        }

        if (hasUrl && (!Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            throw new JobLaunchException($"'{request.Url}' is not an http(s) address.");
        }

        if (hasFile)
        {
            var path = JobUploads.Resolve(database, request.FilePath!)
                ?? throw new JobLaunchException("The file to import must be saved in the portal's uploads folder.");
            if (!File.Exists(path))
            {
                throw new JobLaunchException("The uploaded file is not on the server; upload it again.");
            }
        }
    }
}
