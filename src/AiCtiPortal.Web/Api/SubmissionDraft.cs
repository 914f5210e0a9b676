using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.Api;

/// <summary>
/// Turns an API submission into the workflow's <see cref="ReportDraft"/>, collecting every problem at once: a client
/// fixing a batch of values should learn about all of them from one answer.
/// </summary>
internal static class SubmissionDraft
{
    public const int MaxIndicators = 500;

    public sealed record Built(ReportDraft Draft, IReadOnlyList<IndicatorValidation> Validations);

    public static (Built? Draft, IReadOnlyList<string> Errors) Build(ApiSubmission submission, string tokenName)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(submission.Title))
        {
            errors.Add("title is required.");
        }

        if (string.IsNullOrWhiteSpace(submission.Summary))
        {
            errors.Add("summary is required.");
        }

        var tlp = ParseTlp(submission.Tlp, errors);
        var phases = ParsePhases(submission.Phases, errors);
        if (submission.Confidence is < 0 or > 100)
        {
            errors.Add("confidence must be between 0 and 100.");
        }

        var indicators = submission.Indicators ?? [];
        if (indicators.Count == 0)
        {
            errors.Add("indicators is required: at least one {type, value}.");
        }
        else if (indicators.Count > MaxIndicators)
        {
            errors.Add($"indicators has {indicators.Count:N0} entries; submit at most {MaxIndicators} per report.");
        }

        var rows = new List<DraftIndicator>();
        var validations = new List<IndicatorValidation>();
        for (var i = 0; i < Math.Min(indicators.Count, MaxIndicators); i++)
        {
            var item = indicators[i];
            var type = ApiIndicatorTypes.Parse(item?.Type, $"indicators[{i}].type", errors);
            if (type is not { } t)
            {
                continue;
            }

            var validation = IndicatorCatalogue.Validate(t, item!.Value);
            if (!validation.IsValid)
            {
                errors.Add($"indicators[{i}] ({t} \"{Shorten(item.Value)}\"): {string.Join(" ", validation.Errors)}");
                continue;
            }

            rows.Add(new DraftIndicator { Type = t, Value = item.Value!.Trim(), Description = item.Description });
            validations.Add(validation);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var draft = new ReportDraft
        {
            Title = submission.Title!.Trim(),
            Summary = submission.Summary!.Trim(),
            BodyMarkdown = string.IsNullOrWhiteSpace(submission.BodyMarkdown)
                ? $"{submission.Summary!.Trim()}\n\nSubmitted through the API (token \u201c{tokenName}\u201d) with {rows.Count} indicator(s)."
                : submission.BodyMarkdown,
            Tlp = tlp!.Value,
            Confidence = submission.Confidence ?? 50,
            Phases = phases ?? rows.Aggregate(SupplyChainPhase.None, (all, r) => all | IndicatorCatalogue.Describe(r.Type).DefaultPhases),
            Indicators = rows,
        };

        // The workflow's own submission rules (lengths, phases, values) have the last word.
        var rules = ReportDraftRules.ForSubmit(draft);
        return rules.Count > 0 ? (null, rules) : (new Built(draft, validations), []);
    }

    private static Tlp? ParseTlp(string? text, List<string> errors)
    {
        var names = "Clear, Green, Amber, AmberStrict, Red";
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"tlp is required: one of {names}.");
            return null;
        }

        var key = text.Trim().Replace("TLP:", "", StringComparison.OrdinalIgnoreCase).Replace("+", "", StringComparison.Ordinal);
        if (!key.All(char.IsAsciiLetter) || !Enum.TryParse<Tlp>(key, ignoreCase: true, out var tlp) || !Enum.IsDefined(tlp))
        {
            errors.Add($"tlp: \"{text}\" is not a TLP marking; use one of {names}.");
            return null;
        }

        return tlp;
    }

    private static SupplyChainPhase? ParsePhases(IReadOnlyList<string>? names, List<string> errors)
    {
        if (names is null || names.Count == 0)
        {
            return null;
        }

        var phases = SupplyChainPhase.None;
        foreach (var name in names)
        {
            if (name is not null && name.All(char.IsAsciiLetter) && Enum.TryParse<SupplyChainPhase>(name, ignoreCase: true, out var phase)
                && phase != SupplyChainPhase.None && Enum.IsDefined(phase))
            {
                phases |= phase;
            }
            else
            {
                errors.Add($"phases: \"{name}\" is not one of {string.Join(", ", SupplyChainPhases.All)}.");
            }
        }

        return phases;
    }

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 80 ? value : value[..77] + "...";
}
