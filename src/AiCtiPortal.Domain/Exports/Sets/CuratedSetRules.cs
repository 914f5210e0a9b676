using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>The checks a curated set must pass that need no database; the store adds names, techniques and organisations.</summary>
internal static class CuratedSetRules
{
    private static readonly SupplyChainPhase AllPhases = SupplyChainPhases.All.Aggregate(SupplyChainPhase.None, (all, p) => all | p);

    /// <summary>Every problem with a normalised draft, in form order, each phrased as what to fix.</summary>
    public static List<string> Check(CuratedSetDraft draft)
    {
        var errors = new List<string>();
        if (draft.Name.Length == 0)
        {
            errors.Add("Enter a name for the set.");
        }
        else if (draft.Name.Length > CuratedSet.MaxNameLength)
        {
            errors.Add($"Keep the name to {CuratedSet.MaxNameLength} characters (it has {draft.Name.Length}).");
        }

        if (draft.Description is { Length: > CuratedSet.MaxDescriptionLength })
        {
            errors.Add($"Keep the description to {CuratedSet.MaxDescriptionLength} characters (it has {draft.Description.Length}).");
        }

        if ((draft.Phases & ~AllPhases) != SupplyChainPhase.None)
        {
            errors.Add("Choose supply-chain phases from the list.");
        }

        if (!Enum.IsDefined(draft.TlpCeiling))
        {
            errors.Add("Choose a TLP ceiling: CLEAR, GREEN, AMBER, AMBER+STRICT or RED.");
        }

        if (draft.MinConfidence is < 0 or > 100)
        {
            errors.Add($"Minimum confidence must be between 0 and 100 (it is {draft.MinConfidence}).");
        }

        if (draft.MinQualityScore is < 0 or > 100)
        {
            errors.Add($"Minimum quality score must be between 0 and 100, or empty for no minimum (it is {draft.MinQualityScore}).");
        }

        if (draft.PublishedFrom is { } from && draft.PublishedTo is { } to && from >= to)
        {
            errors.Add("The start of the publication range must be before its end.");
        }

        if (draft.TechniqueIds.Count > CuratedSet.MaxTechniques)
        {
            errors.Add($"Choose at most {CuratedSet.MaxTechniques} ATLAS techniques (there are {draft.TechniqueIds.Count}).");
        }

        if (draft.IndicatorTypes.Any(t => !Enum.IsDefined(t)))
        {
            errors.Add("Choose indicator types from the catalogue's list.");
        }

        if (draft.ReaderIds.Count == 0)
        {
            errors.Add("Choose at least one organisation that may read the set: a set nobody may read cannot be exported.");
        }

        return errors;
    }

    /// <summary>The set's row fields from a normalised, validated draft.</summary>
    public static void CopyTo(CuratedSetDraft draft, CuratedSet set)
    {
        set.Name = draft.Name;
        set.Description = draft.Description;
        set.Phases = draft.Phases;
        set.TechniqueIds = [.. draft.TechniqueIds];
        set.IndicatorTypes = [.. draft.IndicatorTypes];
        set.TlpCeiling = draft.TlpCeiling;
        set.MinConfidence = draft.MinConfidence;
        set.MinQualityScore = draft.MinQualityScore;
        set.PublishedFrom = draft.PublishedFrom;
        set.PublishedTo = draft.PublishedTo;
    }

    /// <summary>What the audit trail records of a set: its filter and readers, by value.</summary>
    public static object Snapshot(CuratedSet set) => new
    {
        set.Name,
        set.Description,
        Phases = set.Phases.ToString(),
        set.TechniqueIds,
        IndicatorTypes = set.IndicatorTypes.Select(t => t.ToString()).ToList(),
        TlpCeiling = TlpLabels.Of(set.TlpCeiling),
        set.MinConfidence,
        set.MinQualityScore,
        set.PublishedFrom,
        set.PublishedTo,
        Readers = set.Readers.Select(r => r.OrganisationId).Order().ToList(),
        set.IsArchived,
    };
}
