using AiCtiPortal.E2E.Infrastructure;
using AiCtiPortal.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Tests;

/// <summary>The scan-policy editor in a real browser: every check and save there is a circuit event.</summary>
[Collection(PortalCollection.Name)]
public sealed class ScanPolicyTests(PortalFixture portal)
{
    [Fact]
    public async Task Curator_adds_a_deny_rule_sees_a_bad_pattern_flagged_as_typed_and_saves_a_new_version()
    {
        await using var session = await portal.SignedInSessionAsync(DemoAccount.Curator);
        await portal.RunAsync(session, async page =>
        {
            var policy = new ScanPolicyPage(page);
            await policy.GotoAsync();
            await policy.AddDeniedRuleAsync();

            await policy.DeniedPatterns.Last.FillAsync("e2e_probe");
            await Expect(policy.DeniedErrors.First).ToContainTextAsync("module.name");

            // A rule only this test names, so the other scenarios' scans are judged as before.
            await policy.DeniedPatterns.Last.FillAsync("e2e_probe.loader");
            await policy.DeniedReasons.Last.FillAsync("Added by the end-to-end test.");
            await Expect(policy.DeniedErrors).ToHaveCountAsync(0);
            await policy.Note.FillAsync("E2E: deny e2e_probe.loader");
            await policy.SaveButton.ClickAsync();

            await Expect(policy.Message).ToContainTextAsync("Saved as version");
            await Expect(policy.InUse).ToContainTextAsync("aicti-default version");
            await Expect(policy.History).ToContainTextAsync("E2E: deny e2e_probe.loader");
        });
    }
}
