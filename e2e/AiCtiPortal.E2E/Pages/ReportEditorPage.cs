using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Pages;

/// <summary>
/// /reports/new and /reports/{id}/edit: the interactive draft editor with live Markdown preview, phases, TLP, the
/// ATLAS technique picker, indicator rows with as-you-type validation, autosave and "Submit for review".
/// </summary>
public sealed partial class ReportEditorPage(IPage page)
{
    public const string NewPath = "/reports/new";

    public ILocator Title => page.GetByLabel("Title", new() { Exact = true });

    public ILocator Summary => page.GetByLabel("Summary", new() { Exact = true });

    public ILocator Body => page.GetByLabel(BodyLabel());

    /// <summary>The rendered Markdown inside the live preview.</summary>
    public ILocator Preview => page.GetByTestId("markdown-preview").GetByTestId("markdown");

    public ILocator SaveStatus => page.GetByTestId("save-status");

    public ILocator Errors => page.GetByTestId("editor-errors");

    /// <summary>On a proposal: "Proposed change to (report) (version N)".</summary>
    public ILocator ProposalTarget => page.GetByTestId("proposal-target");

    public ILocator Tlp => page.GetByLabel("TLP", new() { Exact = true });

    public ILocator TechniqueSearch => page.GetByLabel("Search ATLAS techniques");

    public ILocator TechniqueMatches => page.GetByTestId("technique-matches");

    public ILocator SelectedTechniques => page.GetByTestId("selected-techniques");

    public ILocator IndicatorRows => page.GetByTestId("indicator-row");

    public ILocator SubmitButton => page.GetByRole(AriaRole.Button, new() { Name = "Submit for review", Exact = true });

    public ILocator AddIndicatorButton => page.GetByRole(AriaRole.Button, new() { Name = "Add indicator", Exact = true });

    /// <param name="label">The phase as the editor labels it, e.g. "Model artifact" or "Dependencies".</param>
    public ILocator Phase(string label) => page.GetByLabel(label, new() { Exact = true });

    public IndicatorRow Indicator(int index) => new(IndicatorRows.Nth(index));

    public async Task GotoNewAsync() => await page.GotoAsync(NewPath);

    /// <summary>
    /// Fills a field until the server answers. Before the circuit attaches to the prerendered form the browser drops
    /// events and the component's first render wipes what was typed; only a live circuit turns the save status from
    /// its initial text ("Not saved yet", "All changes saved") into "Unsaved changes" (then "Saved at ...").
    /// </summary>
    public async Task FillWhenInteractiveAsync(ILocator field, string value)
    {
        var initial = await SaveStatus.InnerTextAsync();
        for (var attempt = 1; ; attempt++)
        {
            await field.FillAsync(value);
            try
            {
                await Expect(SaveStatus).Not.ToHaveTextAsync(initial, new() { Timeout = 2_000 });
                await Expect(field).ToHaveValueAsync(value, new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 15)
            {
                // Not attached yet (or attached mid-fill and re-rendered the prerendered value); fill again.
            }
        }
    }

    /// <summary>
    /// Waits for the autosave after the last edit: the status reads "Unsaved changes" for the two-second debounce
    /// (so an older "Saved at" is never mistaken for this save), then "Saved at hh:mm:ss".
    /// </summary>
    public async Task WaitForAutosaveAsync()
    {
        await Expect(SaveStatus).ToHaveTextAsync("Unsaved changes");
        await Expect(SaveStatus).ToHaveTextAsync(SavedAt());
    }

    /// <summary>Searches the picker and adds the first match; returns the technique id that was added.</summary>
    public async Task<string> AddFirstTechniqueMatchingAsync(string term)
    {
        await TechniqueSearch.FillAsync(term);
        var first = TechniqueMatches.Locator("li").First;
        await Expect(first).ToBeVisibleAsync();
        var id = (await first.Locator("code").InnerTextAsync()).Trim();
        await first.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(SelectedTechniques).ToContainTextAsync(id);
        return id;
    }

    /// <summary>Adds an indicator row and waits for it to render; returns it.</summary>
    public async Task<IndicatorRow> AddIndicatorAsync()
    {
        var before = await IndicatorRows.CountAsync();
        await AddIndicatorButton.ClickAsync();
        await Expect(IndicatorRows).ToHaveCountAsync(before + 1);
        return Indicator(before);
    }

    /// <summary>Submits, waits for My submissions to confirm it, and returns the report's id from that address.</summary>
    public async Task<Guid> SubmitAsync()
    {
        await SubmitButton.ClickAsync();
        await page.WaitForURLAsync(SubmittedUrl());
        await Expect(new MySubmissionsPage(page).SubmittedNotice).ToBeVisibleAsync();
        return Guid.Parse(SubmittedUrl().Match(page.Url).Groups["id"].Value);
    }

    [GeneratedRegex("^Body")]
    private static partial Regex BodyLabel();

    [GeneratedRegex(@"^Saved at \d\d:\d\d:\d\d$")]
    private static partial Regex SavedAt();

    [GeneratedRegex(@"/my/submissions\?submitted=(?<id>[0-9a-fA-F-]{36})")]
    private static partial Regex SubmittedUrl();

    /// <summary>One indicator row: type, value, and the feedback the server renders as the contributor types.</summary>
    public sealed class IndicatorRow(ILocator row)
    {
        public ILocator Type => row.GetByLabel("Indicator type", new() { Exact = true });

        public ILocator Value => row.GetByLabel("Indicator value", new() { Exact = true });

        public ILocator Feedback => row.GetByTestId("indicator-feedback");

        public ILocator Errors => Feedback.Locator(".indicator-error");

        /// <param name="type">The IndicatorType name, which is each option's value.</param>
        public async Task SelectTypeAsync(string type) => await Type.SelectOptionAsync(type);

        public async Task TypeValueAsync(string value) => await Value.FillAsync(value);
    }
}
