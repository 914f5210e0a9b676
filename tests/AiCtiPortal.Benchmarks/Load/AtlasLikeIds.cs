using System.Globalization;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>Technique and tactic ids shaped like MITRE ATLAS's (AML.T0010, AML.T0018.000, AML.TA0002); names are synthetic.</summary>
internal static class AtlasLikeIds
{
    public static readonly IReadOnlyList<string> Tactics =
        Enumerable.Range(0, 16).Select(i => $"AML.TA{i:0000}").ToArray();

    /// <summary>AML.T0000 to AML.T0065, with two or three sub-techniques under every fifth one.</summary>
    public static readonly IReadOnlyList<string> Techniques = Enumerable.Range(0, 66)
        .SelectMany(i => new[] { $"AML.T{i:0000}" }.Concat(i % 5 == 0 ? Enumerable.Range(0, 2 + i % 2).Select(s => $"AML.T{i:0000}.{s:000}") : []))
        .ToArray();

    public static string? ParentOf(string id) => id.Length > 9 ? id[..9] : null;

    /// <summary>The technique's number: 10 for AML.T0010 and its sub-techniques.</summary>
    public static int Number(string id) => int.Parse(id.AsSpan(5, 4), CultureInfo.InvariantCulture);
}
