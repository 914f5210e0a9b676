using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AiCtiPortal.Domain.Atlas.Yaml;

/// <summary>
/// Reads the first YAML document into a <see cref="YamlTreeNode"/> tree from the parser's event stream. Working at
/// the event level keeps hostile input harmless: no type is ever constructed from a tag, nesting depth and alias
/// count are capped, and the expanded size of aliases is counted so an exponential "billion laughs" document fails
/// early instead of exhausting the process.
/// </summary>
internal sealed class SafeYamlReader
{
    private readonly YamlReadLimits _limits;
    private readonly Dictionary<string, YamlTreeNode> _anchors = new(StringComparer.Ordinal);
    private Parser _parser = null!;
    private int _aliases;

    private SafeYamlReader(YamlReadLimits limits) => _limits = limits;

    public static YamlTreeNode Read(TextReader reader, YamlReadLimits limits)
    {
        try
        {
            return new SafeYamlReader(limits).ReadDocument(new Parser(new Scanner(reader, skipComments: true)));
        }
        catch (YamlException ex)
        {
            throw new AtlasFormatException(
                $"Line {ex.Start.Line}, column {ex.Start.Column}: the file is not valid YAML ({Describe(ex)}).", ex);
        }
    }

    private YamlTreeNode ReadDocument(Parser parser)
    {
        _parser = parser;
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _))
        {
            throw new AtlasFormatException("The file is empty.");
        }

        var root = ReadNode(depth: 0);
        if (root.ExpandedSize > _limits.MaxExpandedNodes)
        {
            throw TooLarge(root.Line);
        }

        // Read to the end, so a damaged tail is reported rather than ignored.
        parser.Consume<DocumentEnd>();
        if (!parser.TryConsume<StreamEnd>(out _))
        {
            throw new AtlasFormatException("The file holds more than one YAML document; an ATLAS data file is one.", parser.Current?.Start.Line ?? root.Line);
        }

        return root;
    }

    private YamlTreeNode ReadNode(int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw new AtlasFormatException($"The YAML nests deeper than {_limits.MaxDepth} levels.", _parser.Current!.Start.Line);
        }

        var current = _parser.Current ?? throw new AtlasFormatException("The file ends in the middle of a value.");
        YamlTreeNode node;
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                return ResolveAlias(alias);
            case Scalar scalar:
                _parser.MoveNext();
                node = new YamlScalarNode(scalar.Start.Line, IsNull(scalar) ? null : scalar.Value);
                break;
            case SequenceStart:
                node = ReadSequence(current.Start.Line, depth);
                break;
            case MappingStart:
                node = ReadMapping(current.Start.Line, depth);
                break;
            default:
                throw new AtlasFormatException($"Unexpected YAML element {current.GetType().Name}.", current.Start.Line);
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = node;
        }

        return node;
    }

    private YamlListNode ReadSequence(long line, int depth)
    {
        _parser.MoveNext();
        var items = new List<YamlTreeNode>();
        long size = 1;
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            var item = ReadNode(depth + 1);
            items.Add(item);
            size = CheckedSize(size + item.ExpandedSize, item.Line);
        }

        return new YamlListNode(line, items, size);
    }

    private YamlMapNode ReadMapping(long line, int depth)
    {
        _parser.MoveNext();
        var entries = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        var merged = new List<YamlMapNode>();
        long size = 1;
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(depth + 1);
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new AtlasFormatException("Only plain text keys are supported in this file.", keyNode.Line);
            }

            var value = ReadNode(depth + 1);
            size = CheckedSize(size + 1 + value.ExpandedSize, value.Line);
            if (key == "<<")
            {
                merged.AddRange(MergeSources(value));
                continue;
            }

            if (!entries.TryAdd(key, value))
            {
                throw new AtlasFormatException($"The key '{key}' appears twice in the same mapping.", keyNode.Line);
            }
        }

        // YAML merge keys ("<<: *defaults"): explicit entries win, earlier sources win over later ones.
        foreach (var source in merged)
        {
            foreach (var (key, value) in source.Entries)
            {
                entries.TryAdd(key, value);
            }
        }

        return new YamlMapNode(line, entries, size);
    }

    private static IEnumerable<YamlMapNode> MergeSources(YamlTreeNode value) => value switch
    {
        YamlMapNode map => [map],
        YamlListNode list when list.Items.All(i => i is YamlMapNode) => list.Items.Cast<YamlMapNode>(),
        _ => throw new AtlasFormatException("A merge key ('<<') must refer to a mapping or a list of mappings.", value.Line),
    };

    private YamlTreeNode ResolveAlias(AnchorAlias alias)
    {
        if (++_aliases > _limits.MaxAliases)
        {
            throw new AtlasFormatException($"The file uses more than {_limits.MaxAliases} aliases.", alias.Start.Line);
        }

        return _anchors.TryGetValue(alias.Value.Value, out var target)
            ? target
            : throw new AtlasFormatException($"The alias *{alias.Value.Value} refers to an anchor that is not defined before it.", alias.Start.Line);
    }

    private long CheckedSize(long size, long line) => size > _limits.MaxExpandedNodes ? throw TooLarge(line) : size;

    private AtlasFormatException TooLarge(long line) => new(
        $"The YAML would expand to more than {_limits.MaxExpandedNodes:N0} values (aliases repeating aliases, a \"billion laughs\" document?); refusing to read it.",
        line);

    // Only plain scalars can be null; '' and "" are empty strings.
    private static bool IsNull(Scalar scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static string Describe(YamlException ex)
    {
        var message = ex.Message;

        // YamlDotNet prefixes its message with "(Line: 1, Col: 2, Idx: 3) - (...): "; the line is already given.
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }
}
