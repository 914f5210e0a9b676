using System.Text;

namespace AiCtiPortal.Engine.Artifacts.Onnx;

/// <summary>One protobuf field: number, wire type, and its varint value or the byte range of its payload.</summary>
internal readonly record struct ProtoField(int Number, int WireType, ulong Varint, long Start, long End);

/// <summary>
/// Protobuf wire-format reader over a seekable stream: iterates the fields of a message range and skips payloads it
/// is not asked to open, so a multi-gigabyte model with inline weights is walked without loading the weights.
/// </summary>
internal sealed class ProtoReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private long _bufferStart = -1;
    private int _bufferLength;
    private long _pos;

    public long Length { get; } = stream.Length;

    public IEnumerable<ProtoField> Fields(long start, long end)
    {
        long pos = start;
        while (pos < end)
        {
            Seek(pos);
            ulong tag = Varint(end);
            int number = (int)Math.Min(tag >> 3, int.MaxValue);
            int wire = (int)(tag & 7);
            if (number == 0)
            {
                throw new InvalidDataException($"field number 0 at offset {pos}");
            }

            ProtoField field;
            switch (wire)
            {
                case 0:
                    field = new ProtoField(number, wire, Varint(end), _pos, _pos);
                    break;
                case 1:
                    field = new ProtoField(number, wire, 0, _pos, _pos + 8);
                    break;
                case 5:
                    field = new ProtoField(number, wire, 0, _pos, _pos + 4);
                    break;
                case 2:
                    ulong length = Varint(end);
                    if (length > (ulong)(end - _pos))
                    {
                        throw new InvalidDataException($"field {number} at offset {pos} claims {length} bytes, {end - _pos} left in its message");
                    }

                    field = new ProtoField(number, wire, length, _pos, _pos + (long)length);
                    break;
                default:
                    throw new InvalidDataException($"wire type {wire} (field {number}) at offset {pos}");
            }

            if (field.End > end)
            {
                throw new InvalidDataException($"field {number} at offset {pos} runs past its message");
            }

            pos = field.End;
            yield return field;
        }
    }

    public string String(ProtoField field, int max = 1 << 20)
    {
        int count = (int)Math.Min(field.End - field.Start, max);
        var bytes = new byte[count];
        if (Io.StreamReading.ReadAt(stream, field.Start, bytes) != count)
        {
            throw new InvalidDataException($"string at offset {field.Start} runs past the end of the file");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private void Seek(long pos) => _pos = pos;

    // A small read-ahead window: field headers are tiny and scattered, payloads are skipped without reading.
    private int ReadByte()
    {
        if (_bufferStart < 0 || _pos < _bufferStart || _pos >= _bufferStart + _bufferLength)
        {
            _bufferStart = _pos;
            _bufferLength = Io.StreamReading.ReadAt(stream, _pos, _buffer);
            if (_bufferLength == 0)
            {
                return -1;
            }
        }

        return _buffer[_pos - _bufferStart];
    }

    private ulong Varint(long end)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= end)
            {
                throw new InvalidDataException($"truncated varint at offset {_pos}");
            }

            int b = ReadByte();
            if (b < 0)
            {
                throw new InvalidDataException($"truncated varint at offset {_pos}");
            }

            _pos++;
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException($"varint longer than 10 bytes at offset {_pos}");
    }
}
