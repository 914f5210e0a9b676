using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Infrastructure;

/// <summary>Drives the real review workflow of a test host, for scenarios that start from a submitted report.</summary>
public static class PortalWorkflowExtensions
{
    public static ReportWorkflow Workflow(this PortalFactory factory) =>
        factory.Services.GetRequiredService<ReportWorkflow>();

    /// <summary>Drafts a complete GREEN report with one indicator as <paramref name="authorId"/> and submits it.</summary>
    public static async Task<Guid> SubmitReportAsync(this PortalFactory factory, string authorId, string title)
    {
        var draft = new ReportDraft
        {
            Title = title,
            Summary = "A poisoned checkpoint.",
            BodyMarkdown = "The checkpoint runs code when loaded.\n",
            Phases = SupplyChainPhase.ModelArtifact,
            Tlp = Tlp.Green,
            Indicators = [new DraftIndicator { Type = IndicatorType.PickleImport, Value = "posix.system" }],
        };
        var workflow = factory.Workflow();
        var saved = await workflow.SaveDraftAsync(null, null, draft, authorId);
        await workflow.SubmitAsync(saved.ReportId, saved.ConcurrencyStamp, authorId);
        return saved.ReportId;
    }

    /// <summary>The report's current concurrency stamp, as a reviewer's page would have read it.</summary>
    public static async Task<Guid> ReportStampAsync(this PortalFactory factory, Guid reportId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Reports.Where(r => r.Id == reportId).Select(r => r.ConcurrencyStamp).SingleAsync();
    }

    public static async Task<string> UserIdAsync(this PortalFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
