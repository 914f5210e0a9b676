using AiCtiPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AiCtiPortal.E2E.Pages;

/// <summary>/atlas: shows the imported ATLAS release once the start-up import job has finished.</summary>
public sealed class AtlasPage(IPage page)
{
    public const string Path = "/atlas";

    public ILocator ReleaseInfo => page.GetByTestId("atlas-release-info");

    /// <summary>
    /// The portal imports ATLAS in a background job after start-up; the editor loads techniques when it opens, so
    /// tests that pick one first wait here (reloading) until a release is listed.
    /// </summary>
    public async Task WaitForImportedReleaseAsync()
    {
        Assert.True(PortalProcess.AtlasFile is not null, PortalProcess.AtlasFileMissing);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await page.GotoAsync(Path);
            if (await ReleaseInfo.CountAsync() > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline,
                "No ATLAS release appeared on /atlas within 90 s of start-up; see the start-up import job in the portal log.");
            await Task.Delay(1_000);
        }
    }
}
