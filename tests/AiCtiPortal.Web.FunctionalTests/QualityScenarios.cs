using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>Quality scores through the real host: the submission hook queues the check, the pages show its reasons.</summary>
public abstract class QualityScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task A_submission_is_scored_in_the_background_and_its_reasons_are_shown_to_reviewers()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var reviewer = await factory.CreateUserAsync(Password, PortalRoles.Contributor, PortalRoles.Reviewer);
        var reportId = await factory.SubmitReportAsync(author.Id, $"Quality scenario {marker}");

        var score = await ScoreAsync(reportId);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(reviewer.Email!, Password);
        var queue = await (await client.GetAsync("/reviews")).Content.ReadAsStringAsync();
        var review = await (await client.GetAsync($"/reviews/{reportId}")).Content.ReadAsStringAsync();

        Assert.Contains($"{score}/100", queue, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"queue-quality-reasons\"", queue, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"quality-findings\"", review, StringComparison.Ordinal);
        // The scenario's report has a short body and no references: both are reasons a reviewer must see.
        Assert.Contains("data-testid=\"quality-message\"", review, StringComparison.Ordinal);
        Assert.Contains("no references", review, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-testid=\"indicator-quality-row\"", review, StringComparison.Ordinal);
    }

    private async Task<int> ScoreAsync(Guid reportId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                if (await db.Reports.Where(r => r.Id == reportId).Select(r => r.QualityScore).SingleAsync() is { } score)
                {
                    return score;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The quality check did not score the submission within 30 seconds.");
            await Task.Delay(200);
        }
    }
}

public sealed class SqliteQualityScenarios(SqlitePortalFactory factory) : QualityScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresQualityScenarios(PostgresPortalFactory factory) : QualityScenarios(factory), IClassFixture<PostgresPortalFactory>;
