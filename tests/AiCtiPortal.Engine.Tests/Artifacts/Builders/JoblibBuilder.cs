using System.IO.Compression;
using System.Numerics;
using System.Text;

namespace AiCtiPortal.Engine.Tests.Artifacts.Builders;

/// <summary>
/// joblib.dump's layout, written from its documented format: each numpy array becomes a NumpyArrayWrapper (NEWOBJ,
/// then BUILD with subclass, shape, order, dtype, allow_mmap and, since joblib 1.2, numpy_array_alignment_bytes), and
/// the array's bytes follow that BUILD directly: one padding-length byte and 0xFF padding to a 16-byte boundary, then
/// the raw data; object arrays are a protocol-2 pickle instead.
/// </summary>
internal static class JoblibBuilder
{
    public static PickleBuilder Wrapper(this PickleBuilder p, string dtype, BigInteger[] shape, bool aligned = true, string module = "joblib.numpy_pickle")
    {
        bool hasObject = dtype.StartsWith('O');
        p.Unicode(module).Unicode("NumpyArrayWrapper").StackGlobal().Memoize().EmptyTuple().NewObj().Memoize()
            .EmptyDict().Memoize().Mark()
            .Unicode("subclass").Unicode("numpy").Unicode("ndarray").StackGlobal()
            .Unicode("shape").Mark();
        foreach (var dim in shape)
        {
            if (dim < 256)
            {
                p.Int((int)dim);
            }
            else
            {
                p.Long1(dim);
            }
        }

        p.Tuple()
            .Unicode("order").Unicode("C")
            .Unicode("dtype").Unicode("numpy").Unicode("dtype").StackGlobal().Unicode(dtype).Bool(false).Bool(true).Tuple3().Reduce()
            .Mark().Int(3).Unicode(hasObject ? "|" : "<").None().None().None().Int(-1).Int(-1).Int(hasObject ? 63 : 0).Tuple().Build()
            .Unicode("allow_mmap").Bool(!hasObject);
        if (aligned)
        {
            p.Unicode("numpy_array_alignment_bytes").Int(16);
        }

        return p.SetItems().Build();
    }

    /// <summary>The bytes joblib writes after the wrapper: alignment byte and padding (when aligned), then the data.</summary>
    public static PickleBuilder ArrayData(this PickleBuilder p, byte[] data, bool aligned = true)
    {
        if (aligned)
        {
            int padding = 16 - (int)((p.Length + 1) % 16);
            p.Raw((byte)padding).Raw([.. Enumerable.Repeat((byte)0xFF, padding)]);
        }

        return p.Raw(data);
    }

    public static byte[] Floats(int count, int seed = 7)
    {
        var random = new Random(seed);
        var bytes = new byte[count * 8];
        for (int i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), random.NextDouble() - 0.5);
        }

        return bytes;
    }

    /// <summary>A fitted-model-like dict {"coef": float64 (3, 2), "intercept": float32 (2,), "n_iter": 7}.</summary>
    public static byte[] BenignModel(bool aligned = true)
    {
        var p = new PickleBuilder().Proto(4).EmptyDict().Memoize().Mark()
            .Unicode("coef").Wrapper("f8", [3, 2], aligned).ArrayData(Floats(6), aligned)
            .Unicode("intercept").Wrapper("f4", [2], aligned).ArrayData(new byte[8], aligned)
            .Unicode("n_iter").Int(7);
        return p.SetItems().Stop().ToArray();
    }

    public static byte[] Zlib(byte[] content)
    {
        var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(content);
        }

        return output.ToArray();
    }

    public static byte[] Gzip(byte[] content)
    {
        var output = new MemoryStream();
        using (var z = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>joblib &lt; 0.10's Z-file: 'ZF', the length as Python's hex() left-justified to 19 bytes, zlib data.</summary>
    public static byte[] ZFile(byte[] content) =>
        [.. "ZF"u8, .. Encoding.ASCII.GetBytes($"0x{content.Length:x}".PadRight(19)), .. Zlib(content)];
}
