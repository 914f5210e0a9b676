using Microsoft.Playwright;

namespace AiCtiPortal.E2E.Infrastructure;

/// <summary>
/// Notices script execution in a browser context: any dialog (alert, confirm, prompt) and any assignment to
/// <c>window.__xss</c>, in every document the context loads, reported back to the test even across navigations.
/// </summary>
public sealed class XssSentinel
{
    // A setter rather than a plain global: a payload that runs and then navigates away would otherwise leave no trace.
    private const string InitScript = """
        (() => {
          let value;
          Object.defineProperty(window, '__xss', {
            configurable: false,
            get() { return value; },
            set(v) { value = v; window.__xssExecuted(location.href + ': window.__xss=' + String(v)); },
          });
        })();
        """;

    private readonly List<string> _executions = [];

    private XssSentinel()
    {
    }

    public IReadOnlyList<string> Executions
    {
        get
        {
            lock (_executions)
            {
                return [.. _executions];
            }
        }
    }

    public static async Task<XssSentinel> InstallAsync(BrowserSession session)
    {
        var sentinel = new XssSentinel();
        await session.Context.ExposeFunctionAsync<string>("__xssExecuted", sentinel.Record);
        await session.Context.AddInitScriptAsync(InitScript);
        session.Page.Dialog += async (_, dialog) =>
        {
            sentinel.Record($"{dialog.Type} dialog: {dialog.Message}");
            await dialog.DismissAsync();
        };
        return sentinel;
    }

    /// <summary>Fails when anything executed, and checks the current document's sentinel is untouched.</summary>
    public async Task AssertNothingExecutedAsync(IPage page)
    {
        Assert.True(Executions.Count == 0, $"Script ran in the browser: {string.Join("; ", Executions)}");
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
    }

    private void Record(string what)
    {
        lock (_executions)
        {
            _executions.Add(what);
        }
    }
}
