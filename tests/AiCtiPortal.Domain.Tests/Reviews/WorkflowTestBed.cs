using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Tests.Reviews;

/// <summary>A workflow over a migrated test database, with helpers to create people in roles and complete drafts.</summary>
internal sealed class WorkflowTestBed(PortalDatabaseSettings settings, ReviewOptions? options = null)
{
    public static readonly RubricScores GoodScores = new(4, 4, 5, 3, 4);

    public ReportWorkflow Workflow { get; } = new(TestContexts.Factory(settings), Options.Create(options ?? new ReviewOptions()), TimeProvider.System);

    public PortalDbContext Db() => TestContexts.Create(settings);

    public async Task<string> UserAsync(params string[] roles)
    {
        await using var db = Db();
        var user = new PortalUser { UserName = $"user-{Guid.NewGuid():N}", DisplayName = "Workflow test user" };
        db.Users.Add(user);
        foreach (var role in roles)
        {
            var normalized = role.ToUpperInvariant();
            var stored = await db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalized);
            if (stored is null)
            {
                stored = new IdentityRole(role) { NormalizedName = normalized };
                db.Roles.Add(stored);
            }

            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = stored.Id });
        }

        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A reviewer who belongs to an organisation cleared for <paramref name="clearance"/> (decision 0005).</summary>
    public async Task<string> ClearedReviewerAsync(Tlp clearance)
    {
        var reviewer = await UserAsync(PortalRoles.Reviewer);
        await using var db = Db();
        var organisation = new Organisation { Name = $"Cleared {Guid.NewGuid():N}", Clearance = clearance };
        db.Organisations.Add(organisation);
        db.OrganisationMemberships.Add(new OrganisationMembership { OrganisationId = organisation.Id, UserId = reviewer });
        await db.SaveChangesAsync();
        return reviewer;
    }

    public static ReportDraft CompleteDraft(Tlp tlp = Tlp.Green) => new()
    {
        Title = "Poisoned checkpoint on a model hub",
        Summary = "A checkpoint runs a reverse shell when unpickled.",
        BodyMarkdown = "## What happened\n\nThe file imports `posix.system`.\n",
        Phases = SupplyChainPhase.ModelArtifact,
        Tlp = tlp,
        Confidence = 70,
        References = [new DraftReference { Url = "https://example.org/advisory", Title = "Advisory" }],
        TechniqueIds = ["AML.T0010"],
        Indicators = [new DraftIndicator { Type = IndicatorType.PickleImport, Value = "posix.system" }],
    };

    /// <summary>A report by <paramref name="authorId"/>, saved and submitted: InReview at version 1.</summary>
    public async Task<WorkflowSaved> SubmittedAsync(string authorId, Tlp tlp = Tlp.Green)
    {
        var saved = await Workflow.SaveDraftAsync(null, null, CompleteDraft(tlp), authorId);
        return await Workflow.SubmitAsync(saved.ReportId, saved.ConcurrencyStamp, authorId);
    }

    public async Task<Guid> StampAsync(Guid reportId)
    {
        await using var db = Db();
        return await db.Reports.Where(r => r.Id == reportId).Select(r => r.ConcurrencyStamp).SingleAsync();
    }

    public async Task<ReviewOutcome> DecideAsync(Guid reportId, string reviewerId, ReviewDecision decision, string? comment = null) =>
        await Workflow.DecideAsync(new ReviewRequest(reportId, await StampAsync(reportId), reviewerId, decision, comment, GoodScores));

    public async Task<ThreatReport> ReportAsync(Guid reportId)
    {
        await using var db = Db();
        return await db.Reports.AsNoTracking().Include(r => r.Indicators).ThenInclude(l => l.Indicator).SingleAsync(r => r.Id == reportId);
    }
}
