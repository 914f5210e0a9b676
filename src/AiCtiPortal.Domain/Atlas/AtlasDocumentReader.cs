using System.Text.RegularExpressions;
using AiCtiPortal.Domain.Atlas.Yaml;

namespace AiCtiPortal.Domain.Atlas;

/// <summary>
/// Reads the official ATLAS.yaml (mitre-atlas/atlas-data, dist/ATLAS.yaml): top-level id, name and version;
/// "matrices", each with tactics, techniques (sub-techniques name their parent in "subtechnique-of") and mitigations;
/// top-level "case-studies". Everything is checked before anything is returned, so the importer writes only a
/// complete, consistent catalogue.
/// </summary>
internal static partial class AtlasDocumentReader
{
    public static AtlasDocument Read(TextReader text, YamlReadLimits limits)
    {
        if (SafeYamlReader.Read(text, limits) is not YamlMapNode root)
        {
            throw new AtlasFormatException("The file is not an ATLAS data file: its top level is not a mapping of id, name, version and matrices.");
        }

        var version = Text(root, "version", "The file has no version; an ATLAS data file starts with id, name and version (version: 5.6.0).");
        if (root["matrices"] is not YamlListNode { Items.Count: > 0 } matrices)
        {
            throw new AtlasFormatException("The file has no 'matrices' list, so it holds no tactics or techniques; is it an ATLAS data file?");
        }

        var tactics = new List<AtlasTactic>();
        var techniques = new List<(AtlasTechnique Technique, long Line)>();
        var mitigations = new List<(YamlMapNode Node, string Id)>();
        foreach (var matrix in matrices.Items)
        {
            var map = matrix as YamlMapNode ?? throw new AtlasFormatException("A matrix is not a mapping.", matrix.Line);
            ReadTactics(map, tactics);
            ReadTechniques(map, techniques);
            ReadMitigations(map, mitigations);
        }

        var caseStudies = ReadCaseStudies(root);
        AtlasDocumentValidator.Validate(tactics, techniques, mitigations);
        return new AtlasDocument(version, tactics, techniques.Select(t => t.Technique).ToList(), mitigations.Count, caseStudies);
    }

    private static void ReadTactics(YamlMapNode matrix, List<AtlasTactic> tactics)
    {
        foreach (var item in Items(matrix, "tactics", required: true))
        {
            var node = Map(item, "tactic");
            var id = Id(node, TacticId(), "tactic", "AML.TA0002");
            if (tactics.Any(t => t.Id == id))
            {
                // Several matrices may share a tactic; its first position wins.
                continue;
            }

            tactics.Add(new AtlasTactic
            {
                Id = id,
                Name = Text(node, "name", $"Tactic {id} has no name."),
                Description = Optional(node, "description") ?? "",
                Order = tactics.Count,
            });
        }
    }

    private static void ReadTechniques(YamlMapNode matrix, List<(AtlasTechnique, long)> techniques)
    {
        foreach (var item in Items(matrix, "techniques", required: true))
        {
            var node = Map(item, "technique");
            var id = Id(node, TechniqueId(), "technique", "AML.T0000 or AML.T0000.000");
            var technique = new AtlasTechnique
            {
                Id = id,
                Name = Text(node, "name", $"Technique {id} has no name."),
                Description = Optional(node, "description") ?? "",
                ParentId = Optional(node, "subtechnique-of"),
                Maturity = Optional(node, "maturity"),
            };
            foreach (var tactic in Items(node, "tactics", required: false))
            {
                var tacticId = tactic is YamlScalarNode { Value: { } value }
                    ? value
                    : throw new AtlasFormatException($"Technique {id} lists a tactic that is not an id.", tactic.Line);
                if (technique.Tactics.All(t => t.TacticId != tacticId))
                {
                    technique.Tactics.Add(new AtlasTechniqueTactic { TechniqueId = id, TacticId = tacticId });
                }
            }

            techniques.Add((technique, node.Line));
        }
    }

    private static void ReadMitigations(YamlMapNode matrix, List<(YamlMapNode, string)> mitigations)
    {
        foreach (var item in Items(matrix, "mitigations", required: false))
        {
            var node = Map(item, "mitigation");
            mitigations.Add((node, Id(node, MitigationId(), "mitigation", "AML.M0000")));
        }
    }

    private static int ReadCaseStudies(YamlMapNode root)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Items(root, "case-studies", required: false))
        {
            var node = Map(item, "case study");
            var id = Id(node, CaseStudyId(), "case study", "AML.CS0000");
            if (!ids.Add(id))
            {
                throw new AtlasFormatException($"Case study {id} is defined twice.", node.Line);
            }
        }

        return ids.Count;
    }

    private static IReadOnlyList<YamlTreeNode> Items(YamlMapNode map, string key, bool required) => map[key] switch
    {
        YamlListNode list => list.Items,
        null or YamlScalarNode { Value: null } when !required => [],
        null => throw new AtlasFormatException($"The mapping has no '{key}' list.", map.Line),
        var other => throw new AtlasFormatException($"'{key}' is not a list.", other.Line),
    };

    private static YamlMapNode Map(YamlTreeNode node, string kind) =>
        node as YamlMapNode ?? throw new AtlasFormatException($"A {kind} entry is not a mapping.", node.Line);

    private static string Id(YamlMapNode map, Regex pattern, string kind, string example)
    {
        var id = Text(map, "id", $"A {kind} has no id.");
        return pattern.IsMatch(id)
            ? id
            : throw new AtlasFormatException($"'{id}' is not a well-formed ATLAS {kind} id (expected the form {example}).", map["id"]!.Line);
    }

    private static string Text(YamlMapNode map, string key, string missing) =>
        Optional(map, key) is { Length: > 0 } value ? value : throw new AtlasFormatException(missing, map.Line);

    private static string? Optional(YamlMapNode map, string key) => map[key] switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value?.Trim(),
        var other => throw new AtlasFormatException($"'{key}' should be text, not a list or mapping.", other.Line),
    };

    [GeneratedRegex(@"^AML\.TA\d{4}$")]
    internal static partial Regex TacticId();

    [GeneratedRegex(@"^AML\.T\d{4}(\.\d{3})?$")]
    internal static partial Regex TechniqueId();

    [GeneratedRegex(@"^AML\.M\d{4}$")]
    private static partial Regex MitigationId();

    [GeneratedRegex(@"^AML\.CS\d{4}$")]
    private static partial Regex CaseStudyId();
}
