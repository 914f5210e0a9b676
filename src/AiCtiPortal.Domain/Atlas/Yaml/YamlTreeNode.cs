namespace AiCtiPortal.Domain.Atlas.Yaml;

/// <summary>
/// A plain data tree read from YAML: scalars are text, never constructed objects, and tags are ignored. Aliases
/// point at the anchored node (shared, not copied); <see cref="ExpandedSize"/> counts what a full expansion would
/// hold, which is what the billion-laughs limit checks.
/// </summary>
internal abstract class YamlTreeNode(long line)
{
    public long Line { get; } = line;

    public abstract long ExpandedSize { get; }
}

internal sealed class YamlScalarNode(long line, string? value) : YamlTreeNode(line)
{
    /// <summary>The text, or null for YAML's null (~, null, or nothing).</summary>
    public string? Value { get; } = value;

    public override long ExpandedSize => 1;
}

internal sealed class YamlListNode(long line, IReadOnlyList<YamlTreeNode> items, long expandedSize) : YamlTreeNode(line)
{
    public IReadOnlyList<YamlTreeNode> Items { get; } = items;

    public override long ExpandedSize { get; } = expandedSize;
}

internal sealed class YamlMapNode(long line, IReadOnlyDictionary<string, YamlTreeNode> entries, long expandedSize) : YamlTreeNode(line)
{
    public IReadOnlyDictionary<string, YamlTreeNode> Entries { get; } = entries;

    public override long ExpandedSize { get; } = expandedSize;

    public YamlTreeNode? this[string key] => Entries.GetValueOrDefault(key);
}
