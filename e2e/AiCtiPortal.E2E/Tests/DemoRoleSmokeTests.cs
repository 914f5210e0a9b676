using AiCtiPortal.E2E.Infrastructure;
using AiCtiPortal.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Tests;

/// <summary>Every demo role can sign in, read reports, and use an interactive page end to end.</summary>
[Collection(PortalCollection.Name)]
public sealed class DemoRoleSmokeTests(PortalFixture portal)
{
    // The SHA-256 of an empty file, as an analyst might paste it: upper case, with stray spaces.
    private const string PastedSha256 = "  E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 ";
    private const string NormalisedSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("Curator")]
    [InlineData("Reviewer")]
    [InlineData("Contributor")]
    [InlineData("Consumer")]
    public async Task Demo_user_signs_in_reads_reports_and_checks_an_indicator(string role)
    {
        var account = DemoAccount.ForRole(role);
        await using var session = await portal.AnonymousSessionAsync();
        await portal.RunAsync(session, async page =>
        {
            await new LoginPage(page).SignInAsync(account);
            await new Layout(page).ExpectSignedInAsync(account);

            var reports = new ReportsPage(page);
            await reports.GotoAsync();
            await Expect(reports.Report(ReportsPage.SeededClearReport)).ToBeVisibleAsync();

            var check = new IndicatorCheckPage(page);
            await check.GotoAsync();
            await Expect(check.Count).ToHaveTextAsync("0");
            await check.WaitUntilInteractiveAsync();
            await check.CheckAsync("ModelFileSha256", PastedSha256);
            await Expect(check.Result).ToHaveTextAsync($"Valid: {NormalisedSha256}");
            await Expect(check.Count).ToHaveTextAsync("1");
        });
    }
}
