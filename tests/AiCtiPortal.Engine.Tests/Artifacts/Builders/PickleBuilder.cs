using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace AiCtiPortal.Engine.Tests.Artifacts.Builders;

/// <summary>Emits pickle opcodes byte by byte (following pickletools' documentation), so tests control every byte.</summary>
internal sealed class PickleBuilder
{
    private readonly MemoryStream _out = new();

    public byte[] ToArray() => _out.ToArray();

    /// <summary>Bytes written so far: the offset the next opcode will have.</summary>
    public long Length => _out.Length;

    public PickleBuilder Raw(params byte[] bytes)
    {
        _out.Write(bytes);
        return this;
    }

    public PickleBuilder Op(char op) => Raw((byte)op);

    public PickleBuilder Proto(int version) => Raw(0x80, (byte)version);

    public PickleBuilder Frame(long length) => Raw(0x95).U64((ulong)length);

    public PickleBuilder Stop() => Op('.');

    public PickleBuilder Mark() => Op('(');

    public PickleBuilder Pop() => Op('0');

    public PickleBuilder PopMark() => Op('1');

    public PickleBuilder Dup() => Op('2');

    public PickleBuilder None() => Op('N');

    public PickleBuilder Bool(bool value) => Raw(value ? (byte)0x88 : (byte)0x89);

    public PickleBuilder Global(string module, string name) => Op('c').Line(module).Line(name);

    public PickleBuilder Inst(string module, string name) => Op('i').Line(module).Line(name);

    public PickleBuilder StackGlobal() => Raw(0x93);

    public PickleBuilder Reduce() => Op('R');

    public PickleBuilder Build() => Op('b');

    public PickleBuilder Obj() => Op('o');

    public PickleBuilder NewObj() => Raw(0x81);

    public PickleBuilder NewObjEx() => Raw(0x92);

    public PickleBuilder Ext1(byte code) => Raw(0x82, code);

    public PickleBuilder Ext2(ushort code) => Raw(0x83).U16(code);

    public PickleBuilder Ext4(int code) => Raw(0x84).I32(code);

    public PickleBuilder PersId(string id) => Op('P').Line(id);

    public PickleBuilder BinPersId() => Op('Q');

    public PickleBuilder Memoize() => Raw(0x94);

    public PickleBuilder Put(int index) => Op('p').Line(index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public PickleBuilder BinPut(byte index) => Raw((byte)'q', index);

    public PickleBuilder LongBinPut(uint index) => Op('r').U32(index);

    public PickleBuilder Get(int index) => Op('g').Line(index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public PickleBuilder BinGet(byte index) => Raw((byte)'h', index);

    public PickleBuilder LongBinGet(uint index) => Op('j').U32(index);

    public PickleBuilder EmptyTuple() => Op(')');

    public PickleBuilder Tuple() => Op('t');

    public PickleBuilder Tuple1() => Raw(0x85);

    public PickleBuilder Tuple2() => Raw(0x86);

    public PickleBuilder Tuple3() => Raw(0x87);

    public PickleBuilder EmptyList() => Op(']');

    public PickleBuilder List() => Op('l');

    public PickleBuilder Append() => Op('a');

    public PickleBuilder Appends() => Op('e');

    public PickleBuilder EmptyDict() => Op('}');

    public PickleBuilder Dict() => Op('d');

    public PickleBuilder SetItem() => Op('s');

    public PickleBuilder SetItems() => Op('u');

    public PickleBuilder EmptySet() => Raw(0x8f);

    public PickleBuilder AddItems() => Raw(0x90);

    public PickleBuilder FrozenSet() => Raw(0x91);

    public PickleBuilder NextBuffer() => Raw(0x97);

    public PickleBuilder ReadOnlyBuffer() => Raw(0x98);

    /// <summary>SHORT_BINUNICODE, BINUNICODE or BINUNICODE8 by length (protocol 4 style).</summary>
    public PickleBuilder Unicode(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        return utf8.Length < 256 ? Raw(0x8c, (byte)utf8.Length).Raw(utf8) : Op('X').U32((uint)utf8.Length).Raw(utf8);
    }

    public PickleBuilder BinUnicode(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        return Op('X').U32((uint)utf8.Length).Raw(utf8);
    }

    public PickleBuilder BinUnicode8(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        return Raw(0x8d).U64((ulong)utf8.Length).Raw(utf8);
    }

    public PickleBuilder ShortBinString(string text) => Raw((byte)'U', (byte)text.Length).Raw(Encoding.Latin1.GetBytes(text));

    public PickleBuilder BinString(string text) => Op('T').I32(text.Length).Raw(Encoding.Latin1.GetBytes(text));

    public PickleBuilder StringLine(string quoted) => Op('S').Line(quoted);

    public PickleBuilder UnicodeLine(string text) => Op('V').Line(text);

    public PickleBuilder Bytes(byte[] bytes) => bytes.Length < 256
        ? Raw((byte)'C', (byte)bytes.Length).Raw(bytes)
        : Op('B').U32((uint)bytes.Length).Raw(bytes);

    public PickleBuilder BinBytes8(byte[] bytes) => Raw(0x8e).U64((ulong)bytes.Length).Raw(bytes);

    public PickleBuilder ByteArray8(byte[] bytes) => Raw(0x96).U64((ulong)bytes.Length).Raw(bytes);

    public PickleBuilder Int(int value) => value switch
    {
        >= 0 and < 256 => Raw((byte)'K', (byte)value),
        >= 0 and < 65536 => Op('M').U16((ushort)value),
        _ => Op('J').I32(value),
    };

    public PickleBuilder IntLine(string text) => Op('I').Line(text);

    public PickleBuilder LongLine(string text) => Op('L').Line(text);

    public PickleBuilder FloatLine(string text) => Op('F').Line(text);

    public PickleBuilder Long1(BigInteger value)
    {
        byte[] bytes = value.ToByteArray();
        return Raw(0x8a, (byte)bytes.Length).Raw(bytes);
    }

    public PickleBuilder Long4(BigInteger value)
    {
        byte[] bytes = value.ToByteArray();
        return Raw(0x8b).I32(bytes.Length).Raw(bytes);
    }

    public PickleBuilder Float(double value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, value);
        return Raw((byte)'G').Raw(b.ToArray());
    }

    public PickleBuilder Line(string text) => Raw(Encoding.UTF8.GetBytes(text + "\n"));

    private PickleBuilder U16(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        return Raw(b.ToArray());
    }

    private PickleBuilder U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return Raw(b.ToArray());
    }

    private PickleBuilder I32(int v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, v);
        return Raw(b.ToArray());
    }

    private PickleBuilder U64(ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return Raw(b.ToArray());
    }

    // ---- canned pickles ----

    /// <summary>The classic payload: GLOBAL module name, a one-string tuple, REDUCE, STOP (protocol 2).</summary>
    public static byte[] CallWithString(string module, string name, string argument, int protocol = 2) =>
        new PickleBuilder().Proto(protocol).Global(module, name).Unicode(argument).Tuple1().Reduce().Stop().ToArray();

    /// <summary>
    /// A realistic torch state dict (protocol 2, as torch.save writes data.pkl): an OrderedDict of tensors rebuilt by
    /// _rebuild_tensor_v2 from persistent storage ids, plus the _metadata attribute set by BUILD.
    /// </summary>
    public static byte[] TorchStateDict(params (string Name, string Key, int Rows, int Cols)[] tensors)
    {
        var p = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").BinPut(0).EmptyTuple().Reduce().BinPut(1).Mark();
        byte memo = 2;
        foreach (var (name, key, rows, cols) in tensors)
        {
            p.Unicode(name).Global("torch._utils", "_rebuild_tensor_v2").BinPut(memo++)
                .Mark().Mark().Unicode("storage").Global("torch", "FloatStorage").BinPut(memo++).Unicode(key).Unicode("cpu").Int(rows * cols).Tuple()
                .BinPersId()
                .Int(0).Int(rows).Int(cols).Tuple2().Int(cols).Int(1).Tuple2().Bool(false)
                .Global("collections", "OrderedDict").EmptyTuple().Reduce()
                .Tuple().Reduce().BinPut(memo++);
        }

        return p.SetItems()
            .Mark().Unicode("_metadata").Global("collections", "OrderedDict").EmptyTuple().Reduce()
            .Mark().Unicode(string.Empty).EmptyDict().Unicode("version").Int(1).SetItem().SetItems().Dict()
            .Build().Stop().ToArray();
    }
}
