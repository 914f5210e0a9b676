using System.Diagnostics;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Engine.Tests.Artifacts.Builders;

namespace AiCtiPortal.Engine.Tests.Artifacts;

/// <summary>
/// Seeded fuzzing: random bytes (some behind real magic numbers, to get past detection) and mutated valid files.
/// No exception may escape, no analyser may fail (SCAN_ERROR), and every input must be scanned quickly.
/// </summary>
public sealed class FuzzTests
{
    // AICTI_FUZZ_SCALE multiplies the iterations and AICTI_FUZZ_SEED shifts the seeds, for longer runs by hand.
    private static readonly int Scale = int.TryParse(Environment.GetEnvironmentVariable("AICTI_FUZZ_SCALE"), out int s) && s > 0 ? s : 1;
    private static readonly int SeedShift = int.TryParse(Environment.GetEnvironmentVariable("AICTI_FUZZ_SEED"), out int seed) ? seed : 0;

    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(2);
    private static readonly ScanOptions Options = Scans.Fast with { MaxDuration = PerInput, MaxMemberInflatedBytes = 16 << 20 };

    private static readonly byte[][] Magics =
    [
        "PK\x03\x04"u8.ToArray(), "GGUF\x03\x00\x00\x00"u8.ToArray(), [0x80, 0x04, 0x95], [0x80, 0x02], [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0],
        [0x40, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'"'], [0x08, 0x07, 0x3a], "(dp0\n"u8.ToArray(), [],
        [0x78, 0x9c], [0x1f, 0x8b, 0x08], "ZF0x10              "u8.ToArray(), [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a, 2, 8, 8, 0],
    ];

    private static byte[][] Seeds() =>
    [
        PickleBuilder.TorchStateDict(("a", "0", 2, 2), ("b", "1", 2, 1)),
        PickleBuilder.CallWithString("os", "system", "id", 4),
        "cposix\nsystem\np0\n(S'id'\np1\ntp2\nRp3\n."u8.ToArray(),
        ZipBuilder.TorchZip(PickleBuilder.TorchStateDict(("w", "0", 2, 2))),
        new ZipBuilder().Add("archive/data.pkl", PickleBuilder.TorchStateDict(("w", "0", 2, 2)), deflate: true).Add("x/y.npy", NpyBuilder.Build("|O", "(1,)", PickleBuilder.CallWithString("os", "system", "id")), deflate: true).ToArray(),
        SafetensorsBuilder.Tensors("""{"format":"pt"}""", 4, 2),
        new GgufBuilder().String("general.name", "x").StringArray("tokenizer.ggml.tokens", "a", "b").NestedIntArray("n", [1], [2, 3]).String("tokenizer.chat_template", "{{ messages }}").Tensor("w", [2, 2]).ToArray(),
        KerasBuilder.Build(KerasBuilder.Model(KerasBuilder.DenseLayer)),
        OnnxBuilder.Model([OnnxBuilder.Node("Relu", "com.x", "a")], [OnnxBuilder.ExternalTensor("w", "w.bin")]),
        NpyBuilder.Build("<f4", "(2,)", new byte[8]),
        TarBuilder.Build(("pickle", PickleBuilder.TorchStateDict()), ("storages", new PickleBuilder().Proto(2).Int(0).Stop().ToArray())),
        JoblibBuilder.BenignModel(),
        new PickleBuilder().Proto(4).EmptyList().Mark().Wrapper("O8", [2]).Raw(PickleBuilder.CallWithString("os", "system", "id")).Wrapper("f8", [2]).ArrayData(new byte[16]).Appends().Stop().ToArray(),
        JoblibBuilder.Zlib(JoblibBuilder.BenignModel(aligned: false)),
        JoblibBuilder.Gzip(JoblibBuilder.BenignModel()),
        new Hdf5Builder().Attribute("model_config", KerasBuilder.Model(KerasBuilder.DenseLayer)).Attribute("training_config", "{}", 3, variableLength: true).ToArray(),
    ];

    [Fact]
    public void Random_bytes_never_escape_as_exceptions()
    {
        var random = new Random(20261123 + SeedShift);
        for (int i = 0; i < 1_500 * Scale; i++)
        {
            byte[] magic = Magics[random.Next(Magics.Length)];
            var bytes = new byte[magic.Length + random.Next(0, 2_048)];
            random.NextBytes(bytes);
            magic.CopyTo(bytes, 0);
            ScanSafely(bytes, $"random #{i}");
        }
    }

    [Fact]
    public void Mutated_valid_files_never_escape_as_exceptions()
    {
        var random = new Random(424242 + SeedShift);
        var seeds = Seeds();
        for (int i = 0; i < 3_000 * Scale; i++)
        {
            byte[] seed = seeds[i % seeds.Length];
            ScanSafely(Mutate(seed, random), $"mutation #{i} of seed {i % seeds.Length}");
        }
    }

    private static void ScanSafely(byte[] bytes, string label)
    {
        var clock = Stopwatch.StartNew();
        ScanReport report;
        try
        {
            report = Scans.Run(bytes, options: Options);
        }
        catch (Exception e)
        {
            Assert.Fail($"{label}: {e}\ninput: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 256)))}");
            return;
        }

        clock.Stop();
        Assert.True(clock.Elapsed < PerInput + TimeSpan.FromSeconds(1), $"{label} took {clock.Elapsed}");
        Assert.False(report.Findings.Any(f => f.Code == FindingCodes.ScanError), $"{label}: {Scans.Describe(report)}");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        int mutations = random.Next(1, 9);
        for (int m = 0; m < mutations && data.Count > 0; m++)
        {
            int at = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 3:
                    var chunk = new byte[random.Next(1, 32)];
                    random.NextBytes(chunk);
                    data.InsertRange(at, chunk);
                    break;
                case 4:
                    int length = Math.Min(random.Next(1, 64), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 5:
                    for (int k = at; k < Math.Min(data.Count, at + 8); k++)
                    {
                        data[k] = 0xFF;
                    }

                    break;
                default:
                    data.RemoveRange(at, Math.Min(random.Next(1, 16), data.Count - at));
                    break;
            }
        }

        return [.. data];
    }
}
