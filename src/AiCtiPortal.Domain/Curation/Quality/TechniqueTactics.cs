using AiCtiPortal.Domain.Atlas;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// The ATLAS techniques the portal holds, each with its tactics: what the phase-against-technique check needs of the
/// ATLAS catalogue. Built once per job run (a few hundred rows) and shared by every assessment.
/// </summary>
public sealed class TechniqueTactics
{
    private readonly Dictionary<string, string[]> _tactics;

    private TechniqueTactics(Dictionary<string, string[]> tactics) => _tactics = tactics;

    /// <summary>No ATLAS release imported: technique checks are skipped rather than calling every technique unknown.</summary>
    public static TechniqueTactics Empty { get; } = new(new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase));

    public int Count => _tactics.Count;

    public bool IsEmpty => _tactics.Count == 0;

    public IEnumerable<string> TechniqueIds => _tactics.Keys;

    /// <summary>
    /// From the stored techniques with their <see cref="AtlasTechnique.Tactics"/> loaded. ATLAS lists tactics on
    /// techniques only, so a sub-technique without tactics takes its parent's.
    /// </summary>
    public static TechniqueTactics From(IEnumerable<AtlasTechnique> techniques)
    {
        ArgumentNullException.ThrowIfNull(techniques);
        var tactics = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var parents = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var technique in techniques)
        {
            tactics[technique.Id] = technique.Tactics.Select(t => t.TacticId).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (technique.ParentId is { Length: > 0 } parent)
            {
                parents[technique.Id] = parent;
            }
        }

        foreach (var (id, parent) in parents)
        {
            if (tactics[id].Length == 0 && tactics.TryGetValue(parent, out var inherited))
            {
                tactics[id] = inherited;
            }
        }

        return new TechniqueTactics(tactics);
    }

    /// <summary>The tactics of a technique (case-insensitive id); false when the technique is not in the release.</summary>
    public bool TryGetTactics(string techniqueId, out IReadOnlyList<string> tactics)
    {
        if (_tactics.TryGetValue(techniqueId.Trim(), out var found))
        {
            tactics = found;
            return true;
        }

        tactics = [];
        return false;
    }
}
