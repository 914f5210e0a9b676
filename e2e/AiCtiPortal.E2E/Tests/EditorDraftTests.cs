using System.Text;
using System.Text.RegularExpressions;
using AiCtiPortal.E2E.Infrastructure;
using AiCtiPortal.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Tests;

/// <summary>Nothing a contributor types is lost: not to a reload after the first autosave, not to a long report body.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class EditorDraftTests(PortalFixture portal)
{
    [Fact]
    public async Task A_new_draft_moves_to_its_own_address_and_a_long_body_survives_a_reload()
    {
        var word = ReviewScenarios.UniqueWord("long");
        // Well past SignalR's 32 KB default message size: each keystroke sends the whole field over the circuit.
        var body = LongBody(word, 120_000);

        await using var contributor = await portal.SignedInSessionAsync(DemoAccount.Contributor);
        await portal.RunAsync(contributor, async page =>
        {
            var editor = new ReportEditorPage(page);
            await editor.GotoNewAsync();
            await editor.FillWhenInteractiveAsync(editor.Title, $"Long report {word}");
            await editor.WaitForAutosaveAsync();
            await Expect(page).ToHaveURLAsync(EditAddress());

            // As a paste does: one input event carrying the whole text (typing it would take Playwright minutes).
            await editor.Body.EvaluateAsync(
                "(field, text) => { field.value = text; field.dispatchEvent(new Event('input', { bubbles: true })); }", body);
            await editor.WaitForAutosaveAsync();
            await Expect(editor.Preview).ToContainTextAsync($"end of {word}");

            await page.ReloadAsync();
            await Expect(page).ToHaveURLAsync(EditAddress());
            await Expect(editor.Title).ToHaveValueAsync($"Long report {word}");
            Assert.Equal(body, await editor.Body.InputValueAsync());
        });
    }

    private static string LongBody(string word, int length)
    {
        var text = new StringBuilder();
        for (var line = 0; text.Length < length - 100; line++)
        {
            text.Append($"Line {line}: the adapter's pickled weights import a callable on load ({word}).\n");
        }

        return text.Append($"\nend of {word}\n").ToString();
    }

    [GeneratedRegex(@"/reports/[0-9a-f-]{36}/edit$")]
    private static partial Regex EditAddress();
}
