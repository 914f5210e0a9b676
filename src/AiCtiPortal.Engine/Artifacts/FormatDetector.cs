using System.Buffers.Binary;
using AiCtiPortal.Engine.Artifacts.Hdf5;
using AiCtiPortal.Engine.Artifacts.Io;
using AiCtiPortal.Engine.Artifacts.Joblib;
using AiCtiPortal.Engine.Artifacts.Onnx;
using AiCtiPortal.Engine.Artifacts.Pickle;
using AiCtiPortal.Engine.Artifacts.Tar;
using AiCtiPortal.Engine.Artifacts.Zip;

namespace AiCtiPortal.Engine.Artifacts;

/// <summary>
/// Recognises a model file format from its bytes (magic numbers and structure), never from its name: a pickle named
/// model.safetensors is a pickle.
/// </summary>
public static class FormatDetector
{
    private const int HeadSize = 64 * 1024;

    // Legacy torch.save starts with PROTO 2 then LONG1 of the 10-byte magic number 0x1950A86A20F9469CFC6C.
    private static readonly byte[] NumPyMagic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private static readonly byte[] TorchLegacyMagic = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    /// <summary>Detects the format of a seekable stream's content; the position is left unspecified.</summary>
    public static ArtifactFormat Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Detect(stream, out _);
    }

    internal static ArtifactFormat Detect(Stream stream, out ZipDirectory? zip)
    {
        zip = null;
        var head = new byte[(int)Math.Min(HeadSize, stream.Length)];
        int count = StreamReading.ReadAt(stream, 0, head);
        var h = head.AsSpan(0, count);
        if (h.StartsWith("PK\x03\x04"u8) || h.StartsWith("PK\x05\x06"u8))
        {
            zip = ZipDirectoryReader.FindDirectory(stream);
            return ZipFlavour(stream, zip);
        }

        if (h.StartsWith("GGUF"u8))
        {
            return ArtifactFormat.Gguf;
        }

        if (h.StartsWith(NumPyMagic))
        {
            return ArtifactFormat.NumPy;
        }

        if (Hdf5Superblock.HasSignatureAt(stream, 0))
        {
            return ArtifactFormat.Hdf5;
        }

        if (LooksLikeSafetensors(h))
        {
            return ArtifactFormat.Safetensors;
        }

        if (h.StartsWith(TorchLegacyMagic))
        {
            return ArtifactFormat.PyTorchLegacy;
        }

        if (count > 262 && h[257..262].SequenceEqual("ustar"u8))
        {
            return TarAnalyzer.IsTorchLegacyTar(stream) ? ArtifactFormat.PyTorchTar : ArtifactFormat.Tar;
        }

        // joblib.dump(compress=...) output: each compressor's magic, as joblib.load itself tells them apart.
        if (JoblibCompressorMagic.Detect(h) != JoblibCompressor.None)
        {
            return ArtifactFormat.Joblib;
        }

        // PROTO with a protocol from the future is still a pickle to report (the unpickler refuses it loudly).
        if (h.Length >= 2 && h[0] == PickleOpcodes.Proto && h[1] <= 15)
        {
            return ArtifactFormat.Pickle;
        }

        if (OnnxAnalyzer.LooksLikeModel(stream, h))
        {
            return ArtifactFormat.Onnx;
        }

        if (PickleAnalyzer.LooksLikePickle(new ArraySegment<byte>(head, 0, count), complete: count == stream.Length))
        {
            return ArtifactFormat.Pickle;
        }

        // An archive with data in front of it (a polyglot) is still an archive to readers that look at its end.
        zip = ZipDirectoryReader.FindDirectory(stream);
        if (zip is not null)
        {
            return ZipFlavour(stream, zip);
        }

        // HDF5 after a user block: the superblock may sit at 512, 1024, 2048 ... bytes.
        return Hdf5Superblock.Find(stream) > 0 ? ArtifactFormat.Hdf5 : ArtifactFormat.Unknown;
    }

    private static ArtifactFormat ZipFlavour(Stream stream, ZipDirectory? zip)
    {
        if (zip is null)
        {
            return ArtifactFormat.Zip;
        }

        var names = ZipDirectoryReader.ReadCentral(stream, zip, 100_000, []).Select(c => c.Name).ToList();
        return ZipAnalyzer.Classify(names);
    }

    /// <summary>u64 header length, then a JSON object: '{' (after optional spaces) followed by '"' or '}'.</summary>
    private static bool LooksLikeSafetensors(ReadOnlySpan<byte> h)
    {
        if (h.Length < 10)
        {
            return false;
        }

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(h);
        if (n < 2)
        {
            return false;
        }

        int i = 8;
        while (i < h.Length && h[i] == (byte)' ')
        {
            i++;
        }

        if (i >= h.Length || h[i] != (byte)'{')
        {
            return false;
        }

        i++;
        while (i < h.Length && h[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i >= h.Length || h[i] is (byte)'"' or (byte)'}';
    }
}
