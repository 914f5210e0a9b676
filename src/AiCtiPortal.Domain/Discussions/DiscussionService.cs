using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Discussions;

/// <summary>
/// Comments on reports and the notifications they cause, plus reading and clearing a user's notifications.
/// The rules live here, not in the pages, so no page or endpoint can skip them.
/// </summary>
public sealed class DiscussionService(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// Adds a comment as <paramref name="actorId"/>, whose TLP clearance the host resolved (<paramref name="clearance"/>).
    /// Who may comment, kept deliberately simple: the report's author, always; anyone signed in (Consumers included)
    /// on a Published report within their clearance; a reviewer on a report InReview within their clearance.
    /// The author, earlier commenters and the report's reviewers are notified, never the commenter.
    /// </summary>
    public async Task<CommentView> AddCommentAsync(
        Guid reportId, string actorId, Tlp clearance, string? body, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorId);
        var text = body?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new WorkflowRuleException("Write a comment before posting it.");
        }

        if (text.Length > Comment.MaxBodyLength)
        {
            throw new WorkflowRuleException(
                $"The comment is {text.Length:N0} characters long; the limit is {Comment.MaxBodyLength:N0}.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await db.Users.Where(u => u.Id == actorId)
            .Select(u => new { u.Id, Name = u.DisplayName == "" ? u.UserName : u.DisplayName })
            .SingleOrDefaultAsync(ct)
            ?? throw new WorkflowRuleException("Sign in to comment.");
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == reportId, ct);

        // A report the actor may not read is refused with the same words as a missing one, so nothing leaks.
        if (report is null || !await MayCommentAsync(db, report, actorId, clearance, ct))
        {
            throw new WorkflowRuleException("This report does not exist or you cannot see it.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var comment = new Comment { ReportId = report.Id, AuthorId = actorId, Body = text, CreatedAt = now };
        db.Comments.Add(comment);
        db.AuditEntries.Add(WorkflowAudit.Report(report.Id, "Comment", actorId, now, null, new { CommentId = comment.Id }));

        var commenters = await db.Comments.Where(c => c.ReportId == report.Id).Select(c => c.AuthorId).ToListAsync(ct);
        var reviewers = await db.Reviews.Where(r => r.ReportId == report.Id).Select(r => r.ReviewerId).ToListAsync(ct);
        var message = $"{actor.Name} commented on \"{report.Title}\".";
        foreach (var recipient in commenters.Concat(reviewers).Append(report.AuthorId).Distinct(StringComparer.Ordinal)
                     .Where(id => id != actorId))
        {
            db.Notifications.Add(NotificationKinds.Create(recipient, NotificationKinds.Commented, report.Id, message, now));
        }

        await db.SaveChangesAsync(ct);
        return new CommentView(comment.Id, actorId, actor.Name ?? "", text, now);
    }

    /// <summary>Whether <see cref="AddCommentAsync"/> would accept a comment from this user (for showing the form).</summary>
    public async Task<bool> MayCommentAsync(Guid reportId, string actorId, Tlp clearance, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var report = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, ct);
        return report is not null && await MayCommentAsync(db, report, actorId, clearance, ct);
    }

    public async Task<IReadOnlyList<CommentView>> CommentsAsync(Guid reportId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Comments.AsNoTracking()
            .Where(c => c.ReportId == reportId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.AuthorId,
                db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).FirstOrDefault() ?? "",
                c.Body, c.CreatedAt))
            .ToListAsync(ct);
    }

    public async Task<int> UnreadCountAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
    }

    /// <summary>The user's notifications, newest first.</summary>
    public async Task<IReadOnlyList<NotificationView>> NotificationsAsync(string userId, int take = 100, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(take)
            .Select(n => new NotificationView(n.Id, n.Kind, n.ReportId, n.Message, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
    }

    /// <summary>Marks one of the user's own notifications read; another user's id matches nothing.</summary>
    public async Task MarkReadAsync(Guid notificationId, string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Notifications.Where(n => n.Id == notificationId && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    public async Task<int> MarkAllReadAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    private static async Task<bool> MayCommentAsync(
        PortalDbContext db, ThreatReport report, string actorId, Tlp clearance, CancellationToken ct) =>
        report.AuthorId == actorId
        || (report.Status == ContentStatus.Published && report.Tlp <= clearance)
        || (report.Status == ContentStatus.InReview && report.Tlp <= clearance
            && await ReportWorkflow.IsInRoleAsync(db, actorId, PortalRoles.Reviewer, ct));
}
