using Microsoft.Playwright;

namespace AiCtiPortal.E2E.Infrastructure;

/// <summary>One browser context and page, recording every console error and uncaught page error.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"page error: {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri baseAddress, string? storageState)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Record(string error)
    {
        lock (_consoleErrors)
        {
            _consoleErrors.Add(error);
        }
    }
}
