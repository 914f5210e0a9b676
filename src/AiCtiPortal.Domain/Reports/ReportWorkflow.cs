using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Reports;

/// <summary>
/// The single place where a report's status changes: drafting, submission and review decisions. Rules are enforced
/// here, not in the pages, so no page or endpoint can skip them; every transition writes an <see cref="AuditEntry"/>.
/// </summary>
public sealed partial class ReportWorkflow(
    IDbContextFactory<PortalDbContext> contexts, IOptions<ReviewOptions> options, TimeProvider clock, IReportSubmittedHook? submitted = null)
{
    private readonly IReportSubmittedHook _submitted = submitted ?? NoReportSubmittedHook.Instance;

    private static readonly ContentStatus[] Editable = [ContentStatus.Draft, ContentStatus.ChangesRequested];

    public async Task<EditableReport> OpenForEditAsync(Guid reportId, string actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var report = await LoadFullAsync(db, reportId, ct);
        await EnsureMayEditAsync(db, report, actorId, ct);
        var proposalFor = report.ProposalForId is { } targetId
            ? await db.Reports.Where(r => r.Id == targetId)
                .Select(r => new ProposalTarget(r.Id, r.Title, r.Version)).SingleOrDefaultAsync(ct)
            : null;
        return new EditableReport(report.Id, ReportDraft.Of(report), report.Status, report.Version, report.ConcurrencyStamp)
        {
            ProposalFor = proposalFor,
        };
    }

    /// <summary>Creates a draft (reportId null) or saves the author's changes to one.</summary>
    public async Task<WorkflowSaved> SaveDraftAsync(
        Guid? reportId, Guid? expectedStamp, ReportDraft draft, string actorId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = ReportDraftRules.ForSave(draft);
        if (errors.Count > 0)
        {
            throw new WorkflowRuleException(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await EnsureMayAuthorAsync(db, actorId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        ThreatReport report;
        if (reportId is null)
        {
            report = new ThreatReport { AuthorId = actorId, CreatedAt = now, Status = ContentStatus.Draft };
            db.Reports.Add(report);
            db.AuditEntries.Add(WorkflowAudit.Report(report.Id, "Create", actorId, now, null, new { Status = report.Status }));
        }
        else
        {
            report = await LoadFullAsync(db, reportId.Value, ct);
            await EnsureMayEditAsync(db, report, actorId, ct);
            ExpectStamp(db, report, expectedStamp, WorkflowConflictException.EditorRace);
        }

        Apply(db, report, draft, now);
        await SyncIndicatorsAsync(db, report, draft, now, ct);
        await SaveAsync(db, WorkflowConflictException.EditorRace, ct);
        return new WorkflowSaved(report.Id, report.ConcurrencyStamp, report.Status, now);
    }

    /// <summary>Sends a complete draft to review: snapshots it as a new version and moves it to InReview.</summary>
    public async Task<WorkflowSaved> SubmitAsync(Guid reportId, Guid? expectedStamp, string actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var report = await LoadFullAsync(db, reportId, ct);
        await EnsureMayEditAsync(db, report, actorId, ct);
        ExpectStamp(db, report, expectedStamp, WorkflowConflictException.EditorRace);
        var errors = ReportDraftRules.ForSubmit(ReportDraft.Of(report));
        if (errors.Count > 0)
        {
            throw new WorkflowRuleException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = report.Status;
        var number = (await db.ReportVersions.Where(v => v.ReportId == report.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        report.Status = ContentStatus.InReview;
        report.SubmittedAt = now;
        report.UpdatedAt = now;
        report.Version = number;
        foreach (var indicator in report.Indicators.Select(l => l.Indicator!).Where(i => i.Status != ContentStatus.Published))
        {
            indicator.Status = ContentStatus.InReview;
            indicator.UpdatedAt = now;
        }

        if (report.ProposalForId is { } targetId)
        {
            await OnProposalSubmittedAsync(db, report, targetId, actorId, now, ct);
        }

        var note = before == ContentStatus.ChangesRequested ? "Resubmitted after changes were requested." : "Submitted for review.";
        db.ReportVersions.Add(new ReportVersion
        {
            ReportId = report.Id, Number = number, SnapshotJson = ReportSnapshot.Of(report).ToJson(), AuthorId = actorId,
            CreatedAt = now,
            ChangeNote = report.ProposalBaseVersion is { } baseVersion ? $"Proposed change to version {baseVersion}: {note}" : note,
        });
        db.AuditEntries.Add(WorkflowAudit.Report(report.Id, "Submit", actorId, now,
            new { Status = before }, new { Status = report.Status, Version = number, report.ProposalForId, report.ProposalBaseVersion }));
        await SaveAsync(db, WorkflowConflictException.EditorRace, ct);
        await _submitted.SubmittedAsync(report.Id, number, actorId, ct);
        return new WorkflowSaved(report.Id, report.ConcurrencyStamp, report.Status, now);
    }

    private static async Task<ThreatReport> LoadFullAsync(PortalDbContext db, Guid reportId, CancellationToken ct)
    {
        var report = await db.Reports
            .Include(r => r.References)
            .Include(r => r.Techniques)
            .Include(r => r.Indicators).ThenInclude(l => l.Indicator)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == reportId, ct);
        return report ?? throw new WorkflowRuleException("This report does not exist (it may have been deleted).");
    }

    /// <summary>Contributors write; curators edit on an author's behalf. Consumers and reviewers alone only read.</summary>
    private static async Task EnsureMayAuthorAsync(PortalDbContext db, string actorId, CancellationToken ct)
    {
        if (!await IsInRoleAsync(db, actorId, PortalRoles.Contributor, ct) && !await IsInRoleAsync(db, actorId, PortalRoles.Curator, ct))
        {
            throw new WorkflowRuleException("Only contributors can write reports; ask a curator for the Contributor role.");
        }
    }

    private static async Task EnsureMayEditAsync(PortalDbContext db, ThreatReport report, string actorId, CancellationToken ct)
    {
        await EnsureMayAuthorAsync(db, actorId, ct);
        if (report.AuthorId != actorId && !await IsInRoleAsync(db, actorId, PortalRoles.Curator, ct))
        {
            throw new WorkflowRuleException("Only the report's author (or a curator) can edit or submit it.");
        }

        if (!Editable.Contains(report.Status))
        {
            throw new WorkflowRuleException(
                $"This report is {report.Status}; only drafts and reports with changes requested can be edited or submitted.");
        }
    }

    internal static Task<bool> IsInRoleAsync(PortalDbContext db, string userId, string role, CancellationToken ct)
    {
        var normalized = role.ToUpperInvariant();
        return db.UserRoles.AnyAsync(
            ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalized), ct);
    }

    /// <summary>Makes the UPDATE carry the stamp the caller read, so a change made since then fails the save.</summary>
    private static void ExpectStamp(PortalDbContext db, ThreatReport report, Guid? expected, string conflictMessage)
    {
        if (expected is not { } stamp)
        {
            return;
        }

        if (stamp != report.ConcurrencyStamp)
        {
            throw new WorkflowConflictException(conflictMessage);
        }

        db.Entry(report).Property(r => r.ConcurrencyStamp).OriginalValue = stamp;
    }

    private static async Task SaveAsync(PortalDbContext db, string conflictMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new WorkflowConflictException(conflictMessage, ex);
        }
    }

    /// <summary>
    /// Copies the draft onto the report. New child rows are added to the context explicitly: their keys are set
    /// client-side, so EF would otherwise take them for existing rows and UPDATE them.
    /// </summary>
    private static void Apply(PortalDbContext db, ThreatReport report, ReportDraft draft, DateTime now)
    {
        report.Title = draft.Title.Trim();
        report.Summary = draft.Summary.Trim();
        report.BodyMarkdown = draft.BodyMarkdown;
        report.Phases = draft.Phases;
        report.Tlp = draft.Tlp;
        report.Confidence = draft.Confidence;
        report.UpdatedAt = now;
        db.RemoveRange(report.References);
        report.References.Clear();
        foreach (var reference in draft.References.Where(r => !string.IsNullOrWhiteSpace(r.Url) || !string.IsNullOrWhiteSpace(r.Title)))
        {
            var row = new ReportReference
            {
                ReportId = report.Id, Url = reference.Url.Trim(),
                Title = string.IsNullOrWhiteSpace(reference.Title) ? null : reference.Title.Trim(),
            };
            db.Add(row);
            report.References.Add(row);
        }

        var techniques = draft.TechniqueIds.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var gone in report.Techniques.Where(t => !techniques.Contains(t.TechniqueId)).ToList())
        {
            db.Remove(gone);
            report.Techniques.Remove(gone);
        }

        foreach (var id in techniques.Where(id => report.Techniques.All(t => t.TechniqueId != id)).ToList())
        {
            var row = new ReportTechnique { ReportId = report.Id, TechniqueId = id };
            db.Add(row);
            report.Techniques.Add(row);
        }
    }
}
