using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Web.Components.Shared;

namespace AiCtiPortal.Web.Reviews;

/// <summary>One field that differs between two versions, rendered as text.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>What changed between two snapshots of a report, field by field, plus the body as a line diff.</summary>
public sealed record SnapshotComparison(IReadOnlyList<FieldChange> Fields, IReadOnlyList<DiffLine> Body)
{
    public bool BodyChanged => Body.Any(l => l.Kind != DiffKind.Same);

    public static SnapshotComparison Between(ReportSnapshot before, ReportSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var fields = new List<FieldChange>();
        Compare(fields, "Title", before.Title, after.Title);
        Compare(fields, "Summary", before.Summary, after.Summary);
        Compare(fields, "Phases", string.Join(", ", PhaseList.PhasesOf(before.Phases)), string.Join(", ", PhaseList.PhasesOf(after.Phases)));
        Compare(fields, "TLP", TlpBadge.LabelOf(before.Tlp), TlpBadge.LabelOf(after.Tlp));
        Compare(fields, "Confidence", before.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            after.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare(fields, "Techniques", Join(before.TechniqueIds), Join(after.TechniqueIds));
        Compare(fields, "Indicators",
            Join(before.Indicators.Select(i => $"{i.Type}: {i.NormalizedValue}")),
            Join(after.Indicators.Select(i => $"{i.Type}: {i.NormalizedValue}")));
        Compare(fields, "References", Join(before.References.Select(r => r.Url)), Join(after.References.Select(r => r.Url)));
        return new SnapshotComparison(fields, LineDiff.Compute(before.BodyMarkdown, after.BodyMarkdown));
    }

    private static string Join(IEnumerable<string> values)
    {
        var list = values.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "(none)" : string.Join("; ", list);
    }

    private static void Compare(List<FieldChange> fields, string name, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            fields.Add(new FieldChange(name, before, after));
        }
    }
}
