namespace AiCtiPortal.Domain.Curation.Quality.Storage;

/// <summary>
/// An item's stored assessment as a page shows it: score, findings in their stored order, when and under which
/// rules. Null <see cref="AssessedAt"/> means the item has not been checked yet.
/// </summary>
public sealed record StoredQualityView(int? Score, IReadOnlyList<QualityFinding> Findings, DateTime? AssessedAt, string? RulesVersion)
{
    public static StoredQualityView NotAssessed { get; } = new(null, [], null, null);

    /// <summary>A short summary for a list column: the score's reasons by severity ("2 errors, 1 warning").</summary>
    public string ReasonSummary
    {
        get
        {
            if (AssessedAt is null)
            {
                return "not checked yet";
            }

            var parts = new List<string>(3);
            foreach (var (severity, one, many) in new[]
                     {
                         (QualitySeverity.Error, "error", "errors"), (QualitySeverity.Warning, "warning", "warnings"),
                         (QualitySeverity.Info, "note", "notes"),
                     })
            {
                var count = Findings.Count(f => f.Severity == severity);
                if (count > 0)
                {
                    parts.Add($"{count} {(count == 1 ? one : many)}");
                }
            }

            return parts.Count == 0 ? "no findings" : string.Join(", ", parts);
        }
    }
}
