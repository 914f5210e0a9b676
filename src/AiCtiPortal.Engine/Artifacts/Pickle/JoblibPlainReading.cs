using System.Text.RegularExpressions;
using AiCtiPortal.Engine.Artifacts.Policy;

namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>
/// The other reading of a joblib file: pickle.load, torch.load and scanners that are not joblib-aware treat the bytes
/// joblib skips as array data as opcodes. Real array data stops such a reader at once (joblib 1.2+ starts every array
/// with an alignment byte of 1-16, never a valid opcode), so this costs little; a crafted "array" that is really a
/// payload is reported with the offsets where it lies.
/// </summary>
internal static partial class JoblibPlainReading
{
    public static void Probe(ScanContext ctx, ArraySegment<byte> data, string? member, List<JoblibArrayRegion> regions, long budget)
    {
        if (regions.Count == 0 || budget <= 0)
        {
            return;
        }

        long divergence = regions[0].Start;
        var run = new PickleMachine(data, ctx.Options, member, () => ctx.OverBudget(member, divergence)).Run(0, budget);

        // Before the first array both readings execute the same opcodes, already judged. Random bytes can spell a
        // GLOBAL by chance, so only names that are Python identifiers count.
        // Object arrays are pickles to both readers and were analysed already.
        var hidden = run.Imports
            .Where(i => Unseen(i.Offset, regions))
            .Where(i => DottedName().IsMatch(i.Module) && DottedName().IsMatch(i.Name))
            .GroupBy(i => i.FullName, StringComparer.Ordinal).Select(g => g.First()).Take(100);
        foreach (var import in hidden)
        {
            var region = regions.FirstOrDefault(r => import.Offset >= r.Start && import.Offset < r.End);
            string where = region is null ? "after joblib's first array" : $"inside what joblib reads as array data ({region.Description}, offsets {region.Start}-{region.End})";
            var verdict = ctx.Policy.Classify(import.Module, import.Name);
            bool denied = verdict.Verdict == GlobalVerdict.Denied;
            ctx.Add(denied ? Severity.Critical : Severity.High, FindingCodes.JoblibHiddenOpcodes,
                $"Bytes joblib skips import {import.FullName} when read as a plain pickle",
                $"{import.Opcode} at offset {import.Offset} lies {where}: joblib.load skips it, but pickle.load or torch.load on this file imports it."
                    + (denied ? $" Policy rule '{verdict.Rule!.Pattern}': {verdict.Rule.Reason}" : string.Empty),
                member, import.Offset, new ExtractedIndicator("PickleImport", import.FullName));
        }

        foreach (var nested in run.Nested.Where(n => Unseen(n.Offset, regions)).Take(10))
        {
            ctx.Add(Severity.High, FindingCodes.JoblibHiddenOpcodes, "Bytes joblib skips unpickle a nested pickle when read as a plain pickle",
                $"{nested.Loader} at offset {nested.Offset} (past joblib's first array at {divergence}) unpickles {nested.Bytes.Count} bytes under pickle.load.",
                member, nested.Offset);
        }
    }

    /// <summary>Past the first array, and outside the object-array pickles both readers run alike.</summary>
    private static bool Unseen(long offset, List<JoblibArrayRegion> regions) =>
        offset >= regions[0].Start && !regions.Any(r => r.ObjectPickle && offset >= r.Start && offset < r.End);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DottedName();
}
