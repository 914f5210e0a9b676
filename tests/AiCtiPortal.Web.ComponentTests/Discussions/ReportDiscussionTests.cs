using System.Security.Claims;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Pages.Reports;
using AiCtiPortal.Web.ComponentTests.Shared;
using AiCtiPortal.Web.Markdown;
using AiCtiPortal.Web.Security;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Discussions;

/// <summary>The discussion section inside bUnit on a SQLite file: validation, posting and safe Markdown.</summary>
public sealed class ReportDiscussionTests : SqliteBunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public ReportDiscussionTests()
        : base("discussion")
    {
        Services.AddScoped<ViewerAccessor>();
        Services.AddSingleton<MarkdownRenderer>();
        Services.AddReportWorkflow(new ConfigurationBuilder().Build());
        _auth = AddAuthorization();
        using var db = CreateDatabase();
    }

    [Fact]
    public async Task An_empty_comment_shows_a_validation_message_and_saves_nothing()
    {
        var reportId = await AuthorsDraftAsync();
        var section = Render<ReportDiscussion>(p => p.Add(c => c.ReportId, reportId));

        section.Find("textarea").Input("   ");
        await section.Find("[data-testid=comment-form] button").ClickAsync(new());

        Assert.Contains("Write a comment", section.Find("[data-testid=comment-error]").TextContent);
        Assert.Empty(section.FindAll("[data-testid=comment]"));
    }

    [Fact]
    public async Task A_comment_over_the_limit_shows_a_validation_message()
    {
        var reportId = await AuthorsDraftAsync();
        var section = Render<ReportDiscussion>(p => p.Add(c => c.ReportId, reportId));

        section.Find("textarea").Input(new string('x', Comment.MaxBodyLength + 1));
        await section.Find("[data-testid=comment-form] button").ClickAsync(new());

        Assert.Contains("the limit is 10,000", section.Find("[data-testid=comment-error]").TextContent);
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.False(await db.Comments.AnyAsync());
    }

    [Fact]
    public async Task A_posted_comment_is_listed_as_markdown_with_raw_html_as_text()
    {
        var reportId = await AuthorsDraftAsync();
        var section = Render<ReportDiscussion>(p => p.Add(c => c.ReportId, reportId));

        section.Find("textarea").Input("Runs via **torch.load** <img src=x onerror=alert(1)>");
        await section.Find("[data-testid=comment-form] button").ClickAsync(new());

        var comment = section.Find("[data-testid=comment]");
        Assert.Equal("torch.load", comment.QuerySelector("[data-testid=markdown] strong")?.TextContent);
        Assert.Contains("<img src=x onerror=alert(1)>", comment.TextContent);
        Assert.Null(comment.QuerySelector("img"));
        Assert.Empty(section.FindAll("[data-testid=comment-error]"));
        Assert.Equal("", section.Find("textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Anonymous_visitors_see_comments_but_no_form()
    {
        var reportId = await AuthorsDraftAsync();
        _auth.SetNotAuthorized();

        var section = Render<ReportDiscussion>(p => p.Add(c => c.ReportId, reportId));

        Assert.NotNull(section.Find("[data-testid=no-comments]"));
        Assert.Empty(section.FindAll("[data-testid=comment-form]"));
    }

    /// <summary>A draft by the signed-in author: the one report anyone may always comment on is their own.</summary>
    private async Task<Guid> AuthorsDraftAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var user = new PortalUser { UserName = "author@tests.aicti.local", Email = "author@tests.aicti.local", DisplayName = "Author" };
        db.Users.Add(user);
        var report = new ThreatReport { Title = "Draft", AuthorId = user.Id, Status = ContentStatus.Draft, Tlp = Tlp.Amber };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        _auth.SetAuthorized(user.UserName);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        return report.Id;
    }
}
