using System.Runtime.CompilerServices;
using AiCtiPortal.E2E.Pages;
using Microsoft.Playwright;

namespace AiCtiPortal.E2E.Infrastructure;

/// <summary>
/// Shared by every e2e test: one portal process, one Chromium, and a signed-in storage state per role
/// (each role signs in through the login page once; later tests reuse its cookies).
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly Dictionary<string, Task<string>> _storageStates = [];
    private PortalProcess? _portal;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalProcess Portal => _portal ?? throw new InvalidOperationException("The portal has not started.");

    private IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        // A machine shared by parallel builds answers slower than Playwright's 5 s default expects.
        Assertions.SetDefaultExpectTimeout(15_000);
        var chromium = ChromiumPath();
        try
        {
            _portal = await PortalProcess.StartAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        catch
        {
            // A half-started fixture must not leave the portal process running behind the test host.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // Safe to call twice: after a failed start, then again by xunit.
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
            _portal = null;
        }
    }

    /// <summary>A fresh, anonymous browser context.</summary>
    public Task<BrowserSession> AnonymousSessionAsync() => BrowserSession.OpenAsync(Browser, Portal.BaseAddress, null);

    /// <summary>A browser context already signed in as <paramref name="account"/>.</summary>
    public async Task<BrowserSession> SignedInSessionAsync(DemoAccount account) =>
        await BrowserSession.OpenAsync(Browser, Portal.BaseAddress, await StorageStateFor(account));

    /// <summary>
    /// Runs a scenario and fails it on any browser console error; a failure carries a screenshot path, the
    /// console errors and the tail of the portal's log, which is what one needs to read a CI failure.
    /// </summary>
    public async Task RunAsync(
        BrowserSession session, Func<IPage, Task> scenario, [CallerMemberName] string scenarioName = "")
    {
        try
        {
            await scenario(session.Page);
            if (session.ConsoleErrors.Count > 0)
            {
                throw new ScenarioFailedException(
                    $"The browser reported errors:{Environment.NewLine}{string.Join(Environment.NewLine, session.ConsoleErrors)}");
            }
        }
        catch (Exception ex)
        {
            var screenshot = await TryScreenshotAsync(session.Page, scenarioName);
            // The console-error failure above already lists them.
            var browserErrors = ex is ScenarioFailedException || session.ConsoleErrors.Count == 0
                ? ""
                : $"browser errors: {string.Join("; ", session.ConsoleErrors)}{Environment.NewLine}";
            throw new ScenarioFailedException(
                $"{scenarioName} failed at {session.Page.Url}: {ex.Message}{Environment.NewLine}" +
                $"screenshot: {screenshot}{Environment.NewLine}" +
                browserErrors +
                $"--- last 80 lines of the portal log (all of it: {Portal.LogPath}) ---{Environment.NewLine}" +
                Portal.LogTail(80),
                ex);
        }
    }

    private Task<string> StorageStateFor(DemoAccount account)
    {
        lock (_storageStates)
        {
            // Keyed by email, not role: two reviewers must not share one sign-in.
            if (!_storageStates.TryGetValue(account.Email, out var state))
            {
                state = SignInOnceAsync(account);
                _storageStates[account.Email] = state;
            }

            return state;
        }
    }

    private async Task<string> SignInOnceAsync(DemoAccount account)
    {
        await using var session = await AnonymousSessionAsync();
        await RunAsync(
            session,
            async page =>
            {
                await new LoginPage(page).SignInAsync(account);
                await new Layout(page).ExpectSignedInAsync(account);
            },
            $"SignIn_as_{account.Email.Split('@')[0]}");
        return await session.Context.StorageStateAsync();
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        path = string.IsNullOrWhiteSpace(path) ? "/usr/bin/chromium" : path;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {path}. Install Debian's package ('apt-get install chromium'; .ci/run does) " +
                "or set CHROMIUM_PATH. Playwright cannot download its own browser on this network.");
        }

        return path;
    }

    private static async Task<string> TryScreenshotAsync(IPage page, string scenarioName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{scenarioName}-{DateTime.UtcNow:HHmmss}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            return path;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // A screenshot must never hide the failure it was meant to document.
            return $"(none: {ex.Message})";
        }
    }
}
