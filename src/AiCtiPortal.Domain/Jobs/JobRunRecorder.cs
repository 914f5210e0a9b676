using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Moves a <see cref="JobRun"/> through its states. Each change is one UPDATE on its own short-lived context, so a
/// job's bookkeeping never shares a transaction (or a SQLite write lock) with the job's own work.
/// </summary>
public sealed class JobRunRecorder(IDbContextFactory<PortalDbContext> db, TimeProvider time)
{
    private const int MaxMessageLength = 2000;

    public async Task<bool> StartAsync(Guid runId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await UpdateAsync(runId, run => run
            .SetProperty(r => r.Status, JobRunStatus.Running)
            .SetProperty(r => r.StartedAt, now)
            .SetProperty(r => r.Progress, 0), ct) > 0;
    }

    /// <summary>
    /// Only a running run moves: progress is written in the background (JobRunProgress), so a late write must never
    /// pull a finished run back from its final 100%.
    /// </summary>
    public async Task ProgressAsync(Guid runId, int percent, CancellationToken ct)
    {
        var value = Math.Clamp(percent, 0, 100);
        await using var context = await db.CreateDbContextAsync(ct);
        await context.JobRuns.Where(r => r.Id == runId && r.Status == JobRunStatus.Running)
            .ExecuteUpdateAsync(run => run.SetProperty(r => r.Progress, value), ct);
    }

    public Task SucceedAsync(Guid runId, string message, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var text = Truncate(message);
        return UpdateAsync(runId, run => run
            .SetProperty(r => r.Status, JobRunStatus.Succeeded)
            .SetProperty(r => r.Progress, 100)
            .SetProperty(r => r.Message, text)
            .SetProperty(r => r.Error, (string?)null)
            .SetProperty(r => r.FinishedAt, now), ct);
    }

    /// <param name="message">For curators: what went wrong and what to do, never a stack trace.</param>
    /// <param name="error">For operators: the exception as logged.</param>
    public Task FailAsync(Guid runId, string message, string? error, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var text = Truncate(message);
        return UpdateAsync(runId, run => run
            .SetProperty(r => r.Status, JobRunStatus.Failed)
            .SetProperty(r => r.Message, text)
            .SetProperty(r => r.Error, error)
            .SetProperty(r => r.FinishedAt, now), ct);
    }

    private async Task<int> UpdateAsync(
        Guid runId, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<JobRun>> setters, CancellationToken ct)
    {
        await using var context = await db.CreateDbContextAsync(ct);
        return await context.JobRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(setters, ct);
    }

    private static string Truncate(string message) =>
        message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength - 1), "…");
}
