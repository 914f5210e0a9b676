using AiCtiPortal.Domain.Data.Configurations;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Reports;

/// <summary>
/// What a draft must satisfy: storage limits on every save (so nothing is silently cut), and completeness before it
/// may go to review. Messages name the field so the editor can show them as they are.
/// </summary>
public static class ReportDraftRules
{
    /// <summary>Limits every save must respect; a draft may otherwise be incomplete.</summary>
    public static IReadOnlyList<string> ForSave(ReportDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<string>();
        TooLong(errors, "Title", draft.Title, ColumnLengths.Title);
        TooLong(errors, "Summary", draft.Summary, ColumnLengths.Summary);
        TooLong(errors, "Body", draft.BodyMarkdown, ColumnLengths.Body);
        if (draft.Confidence is < 0 or > 100)
        {
            errors.Add("Confidence must be between 0 and 100.");
        }

        if (!Enum.IsDefined(draft.Tlp))
        {
            errors.Add("TLP must be one of CLEAR, GREEN, AMBER, AMBER+STRICT or RED.");
        }

        for (var i = 0; i < draft.References.Count; i++)
        {
            TooLong(errors, $"Reference {i + 1} URL", draft.References[i].Url, ColumnLengths.Url);
            TooLong(errors, $"Reference {i + 1} title", draft.References[i].Title, ColumnLengths.Title);
        }

        foreach (var technique in draft.TechniqueIds)
        {
            TooLong(errors, $"Technique {technique}", technique, ColumnLengths.AtlasId);
        }

        for (var i = 0; i < draft.Indicators.Count; i++)
        {
            TooLong(errors, $"Indicator {i + 1} value", draft.Indicators[i].Value, ColumnLengths.IndicatorValue);
            TooLong(errors, $"Indicator {i + 1} description", draft.Indicators[i].Description, ColumnLengths.Description);
        }

        return errors;
    }

    /// <summary>Everything <see cref="ForSave"/> checks, plus what a reviewer needs to see before it is submitted.</summary>
    public static IReadOnlyList<string> ForSubmit(ReportDraft draft)
    {
        var errors = ForSave(draft).ToList();
        Required(errors, "Title", draft.Title);
        Required(errors, "Summary", draft.Summary);
        Required(errors, "Body", draft.BodyMarkdown);
        if (draft.Phases == SupplyChainPhase.None)
        {
            errors.Add("Choose at least one supply-chain phase.");
        }

        for (var i = 0; i < draft.References.Count; i++)
        {
            if (ReferenceUrlError(draft.References[i].Url) is { } error)
            {
                errors.Add($"Reference {i + 1}: {error}");
            }
        }

        for (var i = 0; i < draft.Indicators.Count; i++)
        {
            var row = draft.Indicators[i];
            var validation = IndicatorCatalogue.Validate(row.Type, row.Value);
            if (!validation.IsValid)
            {
                errors.Add($"Indicator {i + 1} ({IndicatorCatalogue.Describe(row.Type).DisplayName}): {string.Join(" ", validation.Errors)}");
            }
        }

        return errors;
    }

    /// <summary>Null when the URL is an absolute http(s) address, else why not.</summary>
    public static string? ReferenceUrlError(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "the URL is empty.";
        }

        return Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : "the URL must be an absolute http:// or https:// address.";
    }

    private static void Required(List<string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field} is required.");
        }
    }

    private static void TooLong(List<string> errors, string field, string? value, int limit)
    {
        if (value is not null && value.Length > limit)
        {
            errors.Add($"{field} is {value.Length:N0} characters long; the limit is {limit:N0}.");
        }
    }
}
