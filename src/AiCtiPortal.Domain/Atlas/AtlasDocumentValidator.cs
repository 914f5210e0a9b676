using AiCtiPortal.Domain.Atlas.Yaml;

namespace AiCtiPortal.Domain.Atlas;

/// <summary>Cross-reference checks: unique ids, sub-technique parents, tactic and mitigation references.</summary>
internal static class AtlasDocumentValidator
{
    public static void Validate(
        IReadOnlyList<AtlasTactic> tactics,
        List<(AtlasTechnique Technique, long Line)> techniques,
        IReadOnlyList<(YamlMapNode Node, string Id)> mitigations)
    {
        if (tactics.Count == 0 || techniques.Count == 0)
        {
            throw new AtlasFormatException("The file defines no tactics or no techniques; an ATLAS release has both.");
        }

        var byId = new Dictionary<string, AtlasTechnique>(StringComparer.Ordinal);
        foreach (var (technique, line) in techniques)
        {
            if (!byId.TryAdd(technique.Id, technique))
            {
                throw new AtlasFormatException($"Technique {technique.Id} is defined twice.", line);
            }
        }

        var tacticIds = tactics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (technique, line) in techniques)
        {
            CheckParent(technique, line, byId);
            foreach (var tactic in technique.Tactics)
            {
                if (!tacticIds.Contains(tactic.TacticId))
                {
                    throw new AtlasFormatException(
                        $"Technique {technique.Id} lists tactic {tactic.TacticId}, which the file does not define.", line);
                }
            }

            if (technique.ParentId is null && technique.Tactics.Count == 0)
            {
                throw new AtlasFormatException($"Technique {technique.Id} lists no tactics; every top-level technique belongs to at least one.", line);
            }
        }

        InheritParentTactics(techniques.Select(t => t.Technique), byId);
        CheckMitigations(mitigations, byId);
    }

    private static void CheckParent(AtlasTechnique technique, long line, Dictionary<string, AtlasTechnique> byId)
    {
        var dot = technique.Id.IndexOf('.', "AML.".Length);
        var isSub = dot >= 0;
        if (!isSub)
        {
            if (technique.ParentId is not null)
            {
                throw new AtlasFormatException(
                    $"Technique {technique.Id} names parent {technique.ParentId}, but only sub-technique ids (such as {technique.Id}.001) have a parent.", line);
            }

            return;
        }

        var expected = technique.Id[..dot];
        var parent = technique.ParentId ?? expected;
        if (parent != expected)
        {
            throw new AtlasFormatException(
                $"Technique {technique.Id} names parent {parent}, but its id makes it a sub-technique of {expected}.", line);
        }

        if (!byId.ContainsKey(parent))
        {
            throw new AtlasFormatException(
                $"Technique {technique.Id} names parent {parent}, which the file does not define.", line);
        }

        technique.ParentId = parent;
    }

    // ATLAS lists tactics on techniques only; a sub-technique belongs to its parent's tactics, which is how the
    // matrix shows it. Storing them lets "techniques of a tactic" include sub-techniques without a self-join.
    private static void InheritParentTactics(IEnumerable<AtlasTechnique> techniques, Dictionary<string, AtlasTechnique> byId)
    {
        foreach (var technique in techniques)
        {
            if (technique.ParentId is { } parentId && technique.Tactics.Count == 0)
            {
                technique.Tactics.AddRange(byId[parentId].Tactics.Select(t => new AtlasTechniqueTactic
                {
                    TechniqueId = technique.Id,
                    TacticId = t.TacticId,
                }));
            }
        }
    }

    private static void CheckMitigations(IReadOnlyList<(YamlMapNode Node, string Id)> mitigations, Dictionary<string, AtlasTechnique> byId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, id) in mitigations)
        {
            if (!seen.Add(id))
            {
                throw new AtlasFormatException($"Mitigation {id} is defined twice.", node.Line);
            }

            if (node["techniques"] is not YamlListNode uses)
            {
                continue;
            }

            foreach (var use in uses.Items)
            {
                var techniqueId = use switch
                {
                    YamlMapNode { Entries: var e } when e.GetValueOrDefault("id") is YamlScalarNode { Value: { } v } => v,
                    YamlScalarNode { Value: { } v } => v,
                    _ => throw new AtlasFormatException($"Mitigation {id} lists a technique without an id.", use.Line),
                };
                if (!byId.ContainsKey(techniqueId))
                {
                    throw new AtlasFormatException(
                        $"Mitigation {id} refers to technique {techniqueId}, which the file does not define.", use.Line);
                }
            }
        }
    }
}
