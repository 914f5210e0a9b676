using System.Buffers.Binary;
using System.Text;

namespace AiCtiPortal.Engine.Tests.Artifacts.Builders;

/// <summary>safetensors: u64 LE header length, JSON header, buffer.</summary>
internal static class SafetensorsBuilder
{
    public static byte[] Raw(string header, byte[] buffer)
    {
        byte[] h = Encoding.UTF8.GetBytes(header);
        var output = new byte[8 + h.Length + buffer.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(output, (ulong)h.Length);
        h.CopyTo(output, 8);
        buffer.CopyTo(output, 8 + h.Length);
        return output;
    }

    /// <summary>Contiguous F32 tensors named t0, t1 ... with the given element counts, plus optional metadata JSON.</summary>
    public static byte[] Tensors(string? metadataJson, params int[] elements)
    {
        var parts = new List<string>();
        if (metadataJson is not null)
        {
            parts.Add($"\"__metadata__\":{metadataJson}");
        }

        long offset = 0;
        for (int i = 0; i < elements.Length; i++)
        {
            long end = offset + (elements[i] * 4L);
            parts.Add($"\"t{i}\":{{\"dtype\":\"F32\",\"shape\":[{elements[i]}],\"data_offsets\":[{offset},{end}]}}");
            offset = end;
        }

        return Raw("{" + string.Join(',', parts) + "}", new byte[offset]);
    }
}

/// <summary>GGUF v1-v3 writer: header, typed key-values (types 0-12, nested arrays), tensor infos and data.</summary>
internal sealed class GgufBuilder(uint version = 3)
{
    private readonly MemoryStream _kv = new();
    private readonly MemoryStream _tensors = new();
    private int _kvCount;
    private int _tensorCount;
    private long _dataLength;

    public GgufBuilder String(string key, string value)
    {
        Key(key);
        U32(_kv, 8);
        Str(_kv, value);
        return this;
    }

    public GgufBuilder UInt32(string key, uint value)
    {
        Key(key);
        U32(_kv, 4);
        U32(_kv, value);
        return this;
    }

    public GgufBuilder Float32(string key, float value)
    {
        Key(key);
        U32(_kv, 6);
        _kv.Write(BitConverter.GetBytes(value));
        return this;
    }

    public GgufBuilder StringArray(string key, params string[] values)
    {
        Key(key);
        U32(_kv, 9);
        U32(_kv, 8);
        Count(_kv, (ulong)values.Length);
        foreach (string v in values)
        {
            Str(_kv, v);
        }

        return this;
    }

    /// <summary>An array of arrays of i32 (type 9 of type 5).</summary>
    public GgufBuilder NestedIntArray(string key, params int[][] rows)
    {
        Key(key);
        U32(_kv, 9);
        U32(_kv, 9);
        Count(_kv, (ulong)rows.Length);
        foreach (var row in rows)
        {
            U32(_kv, 5);
            Count(_kv, (ulong)row.Length);
            foreach (int v in row)
            {
                U32(_kv, (uint)v);
            }
        }

        return this;
    }

    /// <summary>A key-value with a raw type and raw value bytes (for malformed files).</summary>
    public GgufBuilder RawValue(string key, uint type, byte[] value)
    {
        Key(key);
        U32(_kv, type);
        _kv.Write(value);
        return this;
    }

    public GgufBuilder Tensor(string name, ulong[] dims, uint type = 0, long bytes = -1)
    {
        Str(_tensors, name);
        U32(_tensors, (uint)dims.Length);
        foreach (ulong d in dims)
        {
            Count(_tensors, d);
        }

        U32(_tensors, type);
        U64(_tensors, (ulong)_dataLength);
        long size = bytes >= 0 ? bytes : (long)dims.Aggregate(1UL, (a, b) => a * b) * 4;
        _dataLength += (size + 31) / 32 * 32;
        _tensorCount++;
        return this;
    }

    public byte[] ToArray()
    {
        var output = new MemoryStream();
        output.Write("GGUF"u8);
        U32(output, version);
        Count(output, (ulong)_tensorCount);
        Count(output, (ulong)_kvCount);
        output.Write(_kv.ToArray());
        output.Write(_tensors.ToArray());
        while (output.Length % 32 != 0)
        {
            output.WriteByte(0);
        }

        output.Write(new byte[_dataLength]);
        return output.ToArray();
    }

    private void Key(string key)
    {
        _kvCount++;
        Str(_kv, key);
    }

    private void Str(MemoryStream s, string value)
    {
        byte[] b = Encoding.UTF8.GetBytes(value);
        Count(s, (ulong)b.Length);
        s.Write(b);
    }

    private void Count(MemoryStream s, ulong value)
    {
        if (version == 1)
        {
            U32(s, (uint)value);
        }
        else
        {
            U64(s, value);
        }
    }

    private static void U32(MemoryStream s, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        s.Write(b);
    }

    private static void U64(MemoryStream s, ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        s.Write(b);
    }
}

/// <summary>NumPy .npy v1 writer.</summary>
internal static class NpyBuilder
{
    public static byte[] Build(string descr, string shape, byte[] data)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = 10 + dict.Length + 1;
        string header = dict.PadRight(dict.Length + ((64 - (total % 64)) % 64)) + "\n";
        var output = new MemoryStream();
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        output.Write(BitConverter.GetBytes((ushort)header.Length));
        output.Write(Encoding.Latin1.GetBytes(header));
        output.Write(data);
        return output.ToArray();
    }
}

/// <summary>Keras v3 .keras archives: config.json, metadata.json, model.weights.h5.</summary>
internal static class KerasBuilder
{
    public const string DenseLayer = """{"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 4, "activation": "relu", "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null}}, "registered_name": null}""";

    public static string Model(params string[] layers) =>
        $$"""{"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [{{string.Join(", ", layers)}}]}, "registered_name": null}""";

    public static byte[] Build(string config) => new ZipBuilder()
        .Add("metadata.json", """{"keras_version": "3.4.1", "date_saved": "2026-01-01@00:00:00"}"""u8.ToArray())
        .Add("config.json", Encoding.UTF8.GetBytes(config), deflate: true)
        .Add("model.weights.h5", [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
        .ToArray();
}

/// <summary>ONNX ModelProto in protobuf wire format.</summary>
internal static class OnnxBuilder
{
    public static byte[] Model(IEnumerable<byte[]> nodes, IEnumerable<byte[]>? initializers = null, IEnumerable<string>? opsetDomains = null)
    {
        var graph = new MemoryStream();
        foreach (var node in nodes)
        {
            Field(graph, 1, node);
        }

        foreach (var tensor in initializers ?? [])
        {
            Field(graph, 5, tensor);
        }

        Field(graph, 2, "main"u8.ToArray());
        var model = new MemoryStream();
        model.WriteByte(0x08);
        model.WriteByte(9);
        Field(model, 2, "test-producer"u8.ToArray());
        Field(model, 7, graph.ToArray());
        foreach (string domain in opsetDomains ?? [""])
        {
            var opset = new MemoryStream();
            Field(opset, 1, Encoding.UTF8.GetBytes(domain));
            opset.WriteByte(0x10);
            opset.WriteByte(17);
            Field(model, 8, opset.ToArray());
        }

        return model.ToArray();
    }

    public static byte[] Node(string op, string domain = "", params string[] inputs)
    {
        var node = new MemoryStream();
        foreach (string input in inputs)
        {
            Field(node, 1, Encoding.UTF8.GetBytes(input));
        }

        Field(node, 4, Encoding.UTF8.GetBytes(op));
        if (domain.Length > 0)
        {
            Field(node, 7, Encoding.UTF8.GetBytes(domain));
        }

        return node.ToArray();
    }

    public static byte[] ExternalTensor(string name, string location)
    {
        var tensor = new MemoryStream();
        tensor.WriteByte(0x08);
        tensor.WriteByte(4);
        tensor.WriteByte(0x10);
        tensor.WriteByte(1);
        Field(tensor, 8, Encoding.UTF8.GetBytes(name));
        var entry = new MemoryStream();
        Field(entry, 1, "location"u8.ToArray());
        Field(entry, 2, Encoding.UTF8.GetBytes(location));
        Field(tensor, 13, entry.ToArray());
        tensor.WriteByte(0x70);
        tensor.WriteByte(1);
        return tensor.ToArray();
    }

    private static void Field(MemoryStream s, int number, byte[] payload)
    {
        Varint(s, (ulong)((number << 3) | 2));
        Varint(s, (ulong)payload.Length);
        s.Write(payload);
    }

    private static void Varint(MemoryStream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        s.WriteByte((byte)value);
    }
}
