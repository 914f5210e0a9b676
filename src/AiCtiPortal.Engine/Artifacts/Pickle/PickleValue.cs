using System.Globalization;
using System.Text;

namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>A value on the symbolic stack: what the unpickler would hold there, without ever building it.</summary>
internal abstract class PickleValue
{
    /// <summary>A short, bounded rendering for evidence (containers may be cyclic through the memo).</summary>
    public string Summary(int depth = 3)
    {
        var sb = new StringBuilder();
        Render(sb, depth);
        return ScanContext.Clip(sb.ToString(), 300);
    }

    internal abstract void Render(StringBuilder sb, int depth);
}

internal enum ScalarKind
{
    None,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    Buffer,
}

/// <summary>
/// A scalar; bytes are a zero-copy slice of the pickle buffer. Binary strings keep their raw bytes and are decoded (up
/// to a cap) the first time their text is needed: most strings in a large pickle are only pushed and counted, and
/// decoding them all was the largest cost of analysing one.
/// </summary>
internal sealed class PickleScalar(ScalarKind kind, string? text = null, ArraySegment<byte> bytes = default, long number = 0) : PickleValue
{
    private const int MaxDecodedChars = 64 * 1024;

    private static readonly Encoding LenientUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: false);

    public static readonly PickleScalar None = new(ScalarKind.None, "None");
    public static readonly PickleScalar True = new(ScalarKind.Bool, "True");
    public static readonly PickleScalar False = new(ScalarKind.Bool, "False");

    // Small integers are everywhere (shapes, strides, indexes): share them instead of allocating one per opcode.
    private static readonly PickleScalar[] SmallInts = [.. Enumerable.Range(0, 256).Select(i => new PickleScalar(ScalarKind.Int, number: i))];

    private string? _text = text;

    public ScalarKind Kind { get; } = kind;

    /// <summary>The text of strings and big or textual numbers; null for binary integers (see <see cref="Number"/>).</summary>
    public string? Text => _text ??= Kind == ScalarKind.Str && Bytes.Array is not null ? Decode(Bytes, latin1: Number != 0) : null;

    /// <summary>For binary integers the value; for undecoded strings 1 when Latin-1, 0 when UTF-8.</summary>
    public long Number { get; } = number;

    /// <summary>A BINUNICODE-family (UTF-8) or BINSTRING-family (Latin-1) string, decoded on first use.</summary>
    public static PickleScalar RawString(ArraySegment<byte> raw, bool latin1) => new(ScalarKind.Str, null, raw, latin1 ? 1 : 0);

    public static string Utf8(ReadOnlySpan<byte> bytes) =>
        LenientUtf8.GetString(bytes.Length > MaxDecodedChars * 4 ? bytes[..(MaxDecodedChars * 4)] : bytes);

    public static string Latin1(ReadOnlySpan<byte> bytes) =>
        Encoding.Latin1.GetString(bytes.Length > MaxDecodedChars ? bytes[..MaxDecodedChars] : bytes);

    private static string Decode(ArraySegment<byte> raw, bool latin1) => latin1 ? Latin1(raw) : Utf8(raw);

    public static PickleScalar Int(long value) => value is >= 0 and < 256 ? SmallInts[value] : new PickleScalar(ScalarKind.Int, number: value);

    public ArraySegment<byte> Bytes { get; } = bytes;

    internal override void Render(StringBuilder sb, int depth)
    {
        switch (Kind)
        {
            case ScalarKind.Str:
                sb.Append('\'').Append(ScanContext.Clip(Text ?? string.Empty, 120)).Append('\'');
                break;
            case ScalarKind.Bytes or ScalarKind.Buffer:
                sb.Append("b'");
                foreach (byte b in Bytes.AsSpan(0, Math.Min(Bytes.Count, 24)))
                {
                    sb.Append(b is >= 0x20 and < 0x7F and not (byte)'\\' and not (byte)'\'' ? (char)b : $"\\x{b:x2}");
                }

                sb.Append(Bytes.Count > 24 ? "…" : string.Empty).Append('\'');
                sb.Append(CultureInfo.InvariantCulture, $" ({Bytes.Count} bytes)");
                break;
            case ScalarKind.Int when Text is null:
                sb.Append(Number.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(Text);
                break;
        }
    }
}

internal enum ContainerKind
{
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
}

/// <summary>
/// How many container items one pickle stream may keep in all: containers nest, so a per-container cap alone lets a
/// hostile pickle build trees of millions of retained values. Past the budget, containers only count.
/// </summary>
internal sealed class RetentionBudget(long items)
{
    public long Left { get; set; } = items;
}

/// <summary>A container keeping its first items (dicts alternate key and value) and counting the rest.</summary>
internal sealed class PickleContainer(ContainerKind kind, int keep, RetentionBudget budget) : PickleValue
{
    public ContainerKind Kind { get; } = kind;

    public List<PickleValue> Items { get; } = [];

    public long Count { get; private set; }

    public void Add(PickleValue value)
    {
        Count++;
        if (Items.Count < keep && budget.Left > 0)
        {
            budget.Left--;
            Items.Add(value);
        }
    }

    public void AddRange(IEnumerable<PickleValue> values)
    {
        foreach (var v in values)
        {
            Add(v);
        }
    }

    /// <summary>Same as adding each item: the first ones while room and budget last, the rest only counted.</summary>
    public void AddRange(ReadOnlySpan<PickleValue> values)
    {
        Count += values.Length;
        long room = Math.Min(keep - Items.Count, budget.Left);
        int take = (int)Math.Clamp(room, 0, values.Length);
        if (take > 0)
        {
            Items.AddRange(values[..take]);
            budget.Left -= take;
        }
    }

    internal override void Render(StringBuilder sb, int depth)
    {
        (string open, string close) = Kind switch
        {
            ContainerKind.List => ("[", "]"),
            ContainerKind.Tuple => ("(", Count == 1 ? ",)" : ")"),
            ContainerKind.Dict => ("{", "}"),
            ContainerKind.Set => ("{", "}"),
            _ => ("frozenset({", "})"),
        };
        sb.Append(open);
        if (depth <= 0)
        {
            sb.Append(Count > 0 ? "…" : string.Empty).Append(close);
            return;
        }

        int shown = Math.Min(Items.Count, Kind == ContainerKind.Dict ? 8 : 6);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                sb.Append(Kind == ContainerKind.Dict && i % 2 == 1 ? ": " : ", ");
            }

            Items[i].Render(sb, depth - 1);
        }

        if (Count > shown)
        {
            sb.Append(CultureInfo.InvariantCulture, $", … {Count} items");
        }

        sb.Append(close);
    }
}

/// <summary>An imported global; unresolved when its name could not be known statically (EXT codes, computed names).</summary>
internal sealed class PickleGlobal(string module, string name, bool resolved) : PickleValue
{
    public string Module { get; } = module;

    public string Name { get; } = name;

    public bool Resolved { get; } = resolved;

    public string FullName => Resolved ? $"{Module}.{Name}" : Name;

    internal override void Render(StringBuilder sb, int depth) => sb.Append(FullName);
}

/// <summary>The result of a call (REDUCE, OBJ, NEWOBJ, NEWOBJ_EX, INST): its callable and arguments, never its value.</summary>
internal sealed class PickleObject(PickleValue callable, PickleValue? arguments, long offset) : PickleValue
{
    public PickleValue Callable { get; } = callable;

    public PickleValue? Arguments { get; } = arguments;

    public long Offset { get; } = offset;

    /// <summary>The state the last BUILD gave the object (joblib reads numpy dtypes' flags from it).</summary>
    public PickleValue? State { get; set; }

    public string CallableName => Callable switch
    {
        PickleGlobal g => g.FullName,
        PickleObject o => $"<result of {o.CallableName}>",
        _ => $"<{Callable.Summary(1)}>",
    };

    internal override void Render(StringBuilder sb, int depth)
    {
        sb.Append(CallableName);
        if (depth <= 0 || Arguments is null)
        {
            sb.Append("(…)");
            return;
        }

        Arguments.Render(sb, depth - 1);
    }
}

/// <summary>A persistent id handed to the loader's persistent_load (PyTorch storages).</summary>
internal sealed class PicklePersistent(PickleValue id) : PickleValue
{
    public PickleValue Id { get; } = id;

    internal override void Render(StringBuilder sb, int depth)
    {
        sb.Append("persistent_load(");
        Id.Render(sb, depth - 1);
        sb.Append(')');
    }
}
