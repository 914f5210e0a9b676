using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Pages;

/// <summary>/artifacts/scan: upload a file through Blazor's InputFile, read the verdict, start a draft from it.</summary>
public sealed class ArtifactScanPage(IPage page)
{
    public const string Path = "/artifacts/scan";

    public ILocator File => page.GetByTestId("scan-file");

    public ILocator ScanButton => page.GetByTestId("scan-start");

    public ILocator Verdict => page.GetByTestId("scan-verdict");

    public ILocator Findings => page.GetByTestId("scan-findings");

    public ILocator StartDraftButton => page.GetByTestId("scan-start-draft");

    /// <summary>The Radzen progress bar (role progressbar, aria-valuenow 0-100) bound to the bytes the server has written.</summary>
    public ILocator UploadProgress => page.GetByTestId("upload-progress");

    public ILocator UploadStatus => page.GetByTestId("upload-status");

    public ILocator Policy => page.GetByTestId("scan-policy");

    public async Task GotoAsync() => await page.GotoAsync(Path);

    /// <summary>
    /// Chooses the file, again if need be: a change event raised before the circuit attaches to the prerendered
    /// page is lost, and only the live circuit enables the Scan button in answer.
    /// </summary>
    public async Task ChooseAsync(string name, byte[] content)
    {
        for (var attempt = 1; ; attempt++)
        {
            await File.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = content });
            try
            {
                await Expect(ScanButton).ToBeEnabledAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }

    public async Task ScanAsync()
    {
        await ScanButton.ClickAsync();
        await Expect(Verdict).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }
}
