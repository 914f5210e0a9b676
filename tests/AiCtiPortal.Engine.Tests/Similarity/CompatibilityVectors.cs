using System.Globalization;

namespace AiCtiPortal.Engine.Tests.Similarity;

/// <summary>The committed vectors (Vectors/*.tsv): which inputs they cover, and how they are read and written.</summary>
internal static class CompatibilityVectors
{
    public static readonly string[] Specs =
    [
        "lit:Hello world!",
        "lit:Also called fuzzy hashes, Ctph can match inputs that have homologies.",
        "lit:Also called fuzzy hashes, CTPH can match inputs that have homologies.",
        "zeros:0", "rand:1:1", "rand:2:49", "rand:3:50", "rand:4:255", "rand:5:256", "rand:6:257", "rand:7:4096",
        "text:8:300", "text:9:5000", "mut:9:5000:5", "mut:9:5000:40",
        "text:10:70000", "mut:10:70000:20", "mut:10:70000:200",
        "text:11:400000", "mut:11:400000:100",
        "low:12:50000", "rep:ABCDEFGHIJ:100000", "zeros:100000", "alpha:1000000", "rand:13:1000000",
        "text:14:3145728",
    ];

    public static string VectorsDirectory => Path.Combine(AppContext.BaseDirectory, "Similarity", "Vectors");

    public sealed record Fingerprint(string Spec, long Length, string Sha256, string? TlshLegacy, string Ssdeep);

    public sealed record Pair(string A, string B, int? Tlsh, int? TlshNoLength, int Ssdeep);

    public static IReadOnlyList<Fingerprint> ReadFingerprints() =>
        Rows("fingerprints.tsv").Select(f => new Fingerprint(
            f[0], long.Parse(f[1], CultureInfo.InvariantCulture), f[2], Optional(f[3]), f[4])).ToList();

    public static IReadOnlyList<Pair> ReadPairs() =>
        Rows("pairs.tsv").Select(f => new Pair(
            f[0], f[1], OptionalInt(f[2]), OptionalInt(f[3]), int.Parse(f[4], CultureInfo.InvariantCulture))).ToList();

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(VectorsDirectory, file))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t'));

    private static string? Optional(string field) => field == "-" ? null : field;

    private static int? OptionalInt(string field) =>
        field == "-" ? null : int.Parse(field, CultureInfo.InvariantCulture);
}
