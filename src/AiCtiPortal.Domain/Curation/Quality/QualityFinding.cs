namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// One reason an item lost quality points.
/// </summary>
/// <param name="Code">Stable identifier ("indicator.format-invalid"); pages and stored results key on it, never on the message.</param>
/// <param name="Severity">How much it should worry a reviewer.</param>
/// <param name="Weight">The points it cost (already taken off the assessment's score).</param>
/// <param name="Message">What is wrong and what to do about it, in words a reviewer understands.</param>
/// <param name="Subjects">What the finding is about (technique ids, reference URLs, other items' ids), so a page can
/// highlight them; empty when the finding concerns the item as a whole.</param>
public sealed record QualityFinding(
    string Code,
    QualitySeverity Severity,
    int Weight,
    string Message,
    IReadOnlyList<string> Subjects);
