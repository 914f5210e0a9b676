using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// The audit entry a retry writes ("JobRun.Retry" on the new run, naming the run it repeats), and the reverse look-up
/// the launcher and the job monitor use: which failed runs were already retried, so each failure is retried once and
/// the monitor shows where its retry went instead of a second Retry button.
/// </summary>
public static class JobRetryAudit
{
    public const string Entity = "JobRun";
    public const string Action = "JobRun.Retry";

    internal static AuditEntry Entry(JobRun failed, Guid retryId, string actorId, DateTime at) =>
        AuditTrail.Entry(Entity, retryId.ToString(), Action, actorId, at, before: null,
            after: new RetryRecord(failed.Id, failed.JobName, failed.Attempt + 1));

    /// <summary>For each of <paramref name="runs"/> that was retried, the id of the run its retry created.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Guid>> RetriesOfAsync(PortalDbContext db, IReadOnlyCollection<JobRun> runs, CancellationToken ct)
    {
        if (runs.Count == 0)
        {
            return new Dictionary<Guid, Guid>();
        }

        // A retry is always written after the run it repeats was queued: entries older than the oldest run are irrelevant.
        var ids = runs.Select(r => r.Id).ToHashSet();
        var oldest = runs.Min(r => r.QueuedAt);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == Entity && a.Action == Action && a.At >= oldest)
            .Select(a => new { a.EntityId, a.AfterJson })
            .ToListAsync(ct);
        var retries = new Dictionary<Guid, Guid>();
        foreach (var entry in entries)
        {
            if (Read(entry.AfterJson) is { } record && ids.Contains(record.RetryOf) && Guid.TryParse(entry.EntityId, out var retryId))
            {
                retries.TryAdd(record.RetryOf, retryId);
            }
        }

        return retries;
    }

    private static RetryRecord? Read(string? json)
    {
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<RetryRecord>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record RetryRecord(Guid RetryOf, string JobName, int Attempt);
}
