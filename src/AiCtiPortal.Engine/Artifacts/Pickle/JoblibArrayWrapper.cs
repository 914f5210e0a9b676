using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>What joblib's NumpyArrayWrapper state says about the array bytes that follow its BUILD opcode.</summary>
internal sealed record JoblibArrayLayout(BigInteger Count, int ItemSize, bool HasObject, bool Aligned, string Dtype, string Shape, string? Subclass)
{
    public BigInteger ByteSize => Count * ItemSize;
}

/// <summary>
/// Reads the state joblib (0.10 and later) pickles for a NumpyArrayWrapper: subclass, shape, order, dtype, allow_mmap
/// and, since joblib 1.2, numpy_array_alignment_bytes. joblib.load then reads the array's raw bytes straight from the
/// file, right after the BUILD opcode (an alignment byte and padding first when the alignment attribute is set), or,
/// for arrays holding Python objects, a whole protocol-2 pickle. Nothing here is trusted: every claim is checked.
/// </summary>
internal static partial class JoblibArrayWrapper
{
    // Beyond this many elements no file can hold the array; stop multiplying so hostile shapes stay cheap.
    private static readonly BigInteger CountCap = BigInteger.One << 80;

    private static readonly string[] Modules = ["joblib.numpy_pickle", "sklearn.externals.joblib.numpy_pickle"];

    public static bool IsWrapperClass(string module, string name) =>
        name == "NumpyArrayWrapper" && Modules.Contains(module, StringComparer.Ordinal);

    /// <summary>
    /// True when BUILD's target is a wrapper instance: made by calling the class (NEWOBJ, REDUCE, OBJ, INST) or, with
    /// protocols 0-1, by copyreg._reconstructor(NumpyArrayWrapper, object, None).
    /// </summary>
    public static bool IsWrapperInstance(PickleValue target)
    {
        if (target is not PickleObject { Callable: PickleGlobal { Resolved: true } callable } instance)
        {
            return false;
        }

        if (IsWrapperClass(callable.Module, callable.Name))
        {
            return true;
        }

        return callable.Name == "_reconstructor" && callable.Module is "copyreg" or "copy_reg"
            && instance.Arguments is PickleContainer { Items: [PickleGlobal { Resolved: true } cls, ..] }
            && IsWrapperClass(cls.Module, cls.Name);
    }

    /// <summary>The array layout the state describes, or why joblib.load would fail on it.</summary>
    public static JoblibArrayLayout? Parse(PickleValue state, out string? error)
    {
        error = null;
        if (state is not PickleContainer { Kind: ContainerKind.Dict } dict)
        {
            error = $"its state is {state.Summary(1)}, not an attribute dict";
            return null;
        }

        var shape = Attribute(dict, "shape");
        var dtype = Attribute(dict, "dtype");
        if (shape is null || dtype is null)
        {
            error = "its state lacks 'shape' or 'dtype', so the length of the array bytes that follow is unknown";
            return null;
        }

        var count = ElementCount(shape, out error);
        if (count is null)
        {
            return null;
        }

        var type = DtypeOf(dtype, out error);
        if (type is null)
        {
            return null;
        }

        // joblib < 1.2 wrote no alignment attribute (getattr gives None); 1.2+ writes 16, or None for unseekable files.
        bool aligned = Attribute(dict, "numpy_array_alignment_bytes") is { } alignment && alignment is not PickleScalar { Kind: ScalarKind.None };
        string? subclass = Attribute(dict, "subclass") is PickleGlobal g ? g.FullName : null;
        return new JoblibArrayLayout(count.Value, type.Value.ItemSize, type.Value.HasObject, aligned, type.Value.Text, shape.Summary(1), subclass);
    }

    private static PickleValue? Attribute(PickleContainer dict, string name)
    {
        for (int i = 0; i + 1 < dict.Items.Count; i += 2)
        {
            if (dict.Items[i] is PickleScalar { Kind: ScalarKind.Str, Text: { } key } && key == name)
            {
                return dict.Items[i + 1];
            }
        }

        return null;
    }

    private static BigInteger? ElementCount(PickleValue shape, out string? error)
    {
        error = null;
        if (shape is not PickleContainer { Kind: ContainerKind.Tuple or ContainerKind.List } dims || dims.Count != dims.Items.Count)
        {
            error = $"its shape {shape.Summary(1)} is not a tuple of integers";
            return null;
        }

        BigInteger count = BigInteger.One;
        foreach (var dim in dims.Items)
        {
            if (Integer(dim) is not { } n || n < 0 || n > long.MaxValue)
            {
                error = $"its shape {shape.Summary(1)} holds {dim.Summary(1)}, which is not a non-negative 64-bit integer";
                return null;
            }

            count = count >= CountCap ? count : count * n;
        }

        return count;
    }

    private static BigInteger? Integer(PickleValue value) => value switch
    {
        PickleScalar { Kind: ScalarKind.Int, Text: null } s => s.Number,
        PickleScalar { Kind: ScalarKind.Int, Text: { } t } when BigInteger.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) => big,
        _ => null,
    };

    /// <summary>
    /// numpy pickles a dtype as numpy.dtype(kind + itemsize, False, True) with BUILD state (version, byteorder, subarray,
    /// names, fields, elsize, alignment, flags); 'U' counts 4-byte characters, flag bit 0 means it holds objects.
    /// </summary>
    private static (int ItemSize, bool HasObject, string Text)? DtypeOf(PickleValue dtype, out string? error)
    {
        error = null;
        if (dtype is not PickleObject { Callable: PickleGlobal { Resolved: true, Name: "dtype" } g } call
            || !(g.Module == "numpy" || g.Module.StartsWith("numpy.", StringComparison.Ordinal))
            || call.Arguments is not PickleContainer { Items: [PickleScalar { Kind: ScalarKind.Str, Text: { } text }, ..] })
        {
            error = $"its dtype {dtype.Summary(2)} is not a numpy.dtype the scanner can size";
            return null;
        }

        var match = DtypeText().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size > 1 << 26)
        {
            error = $"its dtype '{ScanContext.Clip(text, 40)}' has no item size the scanner understands";
            return null;
        }

        char kind = match.Groups[1].Value[0];
        bool flaggedObject = call.State is PickleContainer { Kind: ContainerKind.Tuple, Items.Count: >= 8 } st
            && st.Items[7] is PickleScalar { Kind: ScalarKind.Int, Text: null } flags && (flags.Number & 1) != 0;
        return (kind == 'U' ? size * 4 : size, kind == 'O' || flaggedObject, text);
    }

    [GeneratedRegex(@"^([biufcOSUVMm])(\d{1,9})$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DtypeText();
}
