using System.Text;
using AiCtiPortal.E2E.Infrastructure;
using AiCtiPortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Tests;

/// <summary>
/// The scan page in a real browser: the upload goes through InputFile's streaming, which depends on the Blazor
/// client script (served from the 9.0 runtime pack, ADR 0002), so only a browser proves it works.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ArtifactScanTests(PortalFixture portal)
{
    [Fact]
    public async Task Contributor_uploads_a_pickle_armed_file_watches_the_upload_reach_100_percent_sees_it_judged_malicious_and_starts_a_draft_from_it()
    {
        await using var session = await portal.SignedInSessionAsync(DemoAccount.Contributor);
        await portal.RunAsync(session, async page =>
        {
            var scan = new ArtifactScanPage(page);
            await scan.GotoAsync();
            var file = MaliciousPickleWithPadding();
            await scan.ChooseAsync("checkpoint.bin", file);
            await scan.ScanButton.ClickAsync();

            // The bar appears as the upload starts and ends full; it stays after the scan, so this cannot race it.
            await Expect(scan.UploadProgress).ToBeVisibleAsync();
            await Expect(scan.UploadProgress).ToHaveAttributeAsync("role", "progressbar");
            await Expect(scan.UploadProgress).ToHaveAttributeAsync("aria-valuenow", "100", new() { Timeout = 60_000 });
            await Expect(scan.UploadStatus).ToContainTextAsync("Uploaded checkpoint.bin: 3 MiB of 3 MiB");
            await Expect(scan.Verdict).ToBeVisibleAsync(new() { Timeout = 60_000 });

            await Expect(scan.Verdict).ToHaveTextAsync("Malicious");
            await Expect(scan.Policy).ToContainTextAsync("aicti-default");
            await Expect(scan.Findings).ToContainTextAsync("posix.system");

            await scan.StartDraftButton.ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/reports/[0-9a-f-]{36}/edit$"));
            var editor = new ReportEditorPage(page);
            await Expect(editor.Title).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("checkpoint\\.bin"));
        });
    }

    /// <summary>
    /// PROTO 2, GLOBAL posix.system, the argument "id", TUPLE1, REDUCE, STOP: what loading would run as a shell
    /// command. Then 3 MiB of padding, so the upload spans many of InputFile's chunks.
    /// </summary>
    private static byte[] MaliciousPickleWithPadding()
    {
        var pickle = new List<byte> { 0x80, 0x02, (byte)'c' };
        pickle.AddRange(Encoding.ASCII.GetBytes("posix\nsystem\n"));
        pickle.AddRange([0x8c, 0x02, (byte)'i', (byte)'d', 0x85, (byte)'R', (byte)'.']);
        pickle.AddRange(new byte[3 << 20]);
        return [.. pickle];
    }
}
