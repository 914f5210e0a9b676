using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Imports an ATLAS release from an uploaded file or a URL and records the outcome on the run's JobRun row. One
/// import at a time: two would each replace the catalogue, and the later commit would silently win.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AtlasImportJob(
    AtlasImportService importer,
    JobRunRecorder runs,
    IHttpClientFactory http,
    IOptions<AtlasImportOptions> options,
    PortalDatabaseSettings database,
    ILogger<AtlasImportJob> logger) : IJob
{
    public const string Name = "atlas-import";

    public const string HttpClientName = "atlas-import";

    internal const string FilePathKey = "FilePath";
    internal const string UrlKey = "Url";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        if (!Guid.TryParse(data.GetString(PortalJobs.JobRunIdKey), out var runId))
        {
            logger.LogError("ATLAS import fired without a JobRun id (trigger {Trigger}); nothing to do", context.Trigger.Key);
            return;
        }

        var request = new AtlasImportRequest(data.GetString(FilePathKey), data.GetString(UrlKey));
        if (!await runs.StartAsync(runId, cancellationToken))
        {
            logger.LogError("ATLAS import fired for JobRun {RunId}, which does not exist; nothing to do", runId);
            return;
        }

        var keepUpload = false;
        try
        {
            var result = await ImportAsync(context, request, runId, cancellationToken);
            await runs.SucceedAsync(runId, result.Summary, CancellationToken.None);
        }
        catch (Exception ex)
        {
            var failure = AtlasImportFailure.Describe(ex, request, options.Value);
            logger.LogError(ex, "ATLAS import {RunId} failed: {Message}", runId, failure.Message);
            await runs.FailAsync(runId, failure.Message, ex.ToString(), CancellationToken.None);
            keepUpload = failure.Retryable;
        }
        finally
        {
            if (!keepUpload)
            {
                DeleteUpload(request);
            }
        }
    }

    private async Task<AtlasImportResult> ImportAsync(IJobExecutionContext context, AtlasImportRequest request, Guid runId, CancellationToken ct)
    {
        await using var progress = new JobRunProgress(context, runs, runId, logger);
        if (request.FilePath is { Length: > 0 } filePath)
        {
            var path = JobUploads.Resolve(database, filePath)
                ?? throw new JobLaunchException("The file to import is not in the portal's uploads folder.");
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return await importer.ImportAsync(file, $"upload {Path.GetFileName(path)}", progress, ct);
        }

        if (request.Url is { Length: > 0 } url)
        {
            await using var downloaded = await DownloadAsync(new Uri(url), ct);
            return await importer.ImportAsync(downloaded, url, progress, ct);
        }

        throw new JobLaunchException("The import request names neither a file nor a URL.");
    }

    /// <summary>Downloads into memory under the size limit and the timeout, then hands the bytes to the importer.</summary>
    private async Task<MemoryStream> DownloadAsync(Uri url, CancellationToken ct)
    {
        var limits = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limits.DownloadTimeout);
        try
        {
            var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > limits.MaxBytes)
            {
                throw new AtlasFormatException(
                    $"{url} is {response.Content.Headers.ContentLength:N0} bytes, over the {limits.MaxBytes:N0}-byte limit (Jobs:AtlasImport:MaxBytes).");
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await BoundedCopy.ReadAsync(body, limits.MaxBytes, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Downloading {url} took longer than {limits.DownloadTimeout.TotalSeconds:0} seconds (Jobs:AtlasImport:DownloadTimeout).");
        }
    }

    private void DeleteUpload(AtlasImportRequest request)
    {
        if (request.FilePath is not { Length: > 0 } filePath || JobUploads.Resolve(database, filePath) is not { } path)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not delete the uploaded ATLAS file {Path}", path);
        }
    }
}
