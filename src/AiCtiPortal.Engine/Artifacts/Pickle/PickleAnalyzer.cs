using AiCtiPortal.Engine.Artifacts.Policy;

namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>
/// Analyses a pickle stream: every pickle in it (loaders continue after STOP), data after the last one, and pickles
/// nested in bytes handed to loaders; judges each imported global against the policy and records the findings.
/// </summary>
internal static class PickleAnalyzer
{
    /// <summary>Pickles found in the stream (0 when the first one did not even start).</summary>
    /// <param name="joblibAware">
    /// Read arrays between opcodes as joblib.load does (plain layouts only); off for bytes handed to pickle.loads.
    /// </param>
    public static int Analyze(ScanContext ctx, ArraySegment<byte> data, string? member, int depth, PickleLayout layout, bool joblibAware = true)
    {
        long budget = ctx.Options.MaxPickleOps;
        var imports = new List<PickleImport>();
        var calls = new List<PickleCall>();
        int pickles = 0;
        int pos = 0;
        var joblib = new JoblibSummary();
        var machine = new PickleMachine(data, ctx.Options, member, () => ctx.OverBudget(member, pos), joblibArrays: joblibAware && layout == PickleLayout.Plain);
        while (pos < data.Count && budget > 0)
        {
            var run = machine.Run(pos, budget);
            budget -= run.Ops;
            if (pickles > 0 && !run.Stopped && !run.LimitReached && !ImportsDenied(ctx, run))
            {
                // Not another pickle: what follows the last STOP is data, not opcodes, and its trial run is
                // discarded, unless it reached a denied import before failing (a deliberately broken second pickle
                // still runs its calls up to the error when loaded).
                break;
            }

            pickles++;
            Collect(ctx, run, member, depth, imports, calls);
            joblib.Add(run);
            if (!run.Stopped)
            {
                if (run.Error is not null)
                {
                    ctx.Add(run.ErrorSeverity, run.ErrorCode, run.ErrorCode == FindingCodes.PickleMalformed ? "Malformed pickle" : "Malformed joblib array data",
                        $"{run.Error} at offset {run.ErrorOffset}; a loader stops here with an error after executing what came before.",
                        member, run.ErrorOffset);
                }

                pos = data.Count;
                break;
            }

            if (pickles == 2 && layout == PickleLayout.Plain)
            {
                ctx.Add(Severity.Low, FindingCodes.PickleConcatenated, "Several pickles in one stream",
                    $"A second pickle starts at offset {run.Start}: scanners that stop at the first STOP miss it, while repeated loads execute it.",
                    member, run.Start);
            }

            pos = run.End;
        }

        if (pos < data.Count && pickles > 0)
        {
            ReportTrailing(ctx, data, member, layout, pos, pickles);
        }

        if (joblib.Wrappers > 0)
        {
            ctx.Note(joblib.Describe(member));
            JoblibPlainReading.Probe(ctx, data, member, joblib.Regions, budget);
        }

        JudgeImports(ctx, imports, calls, member, joblibUnderstood: joblib.Regions.Count > 0);
        return pickles;
    }

    /// <summary>True when the bytes start like a pickle: PROTO, or a protocol 0-1 opcode stream that runs cleanly.</summary>
    public static bool LooksLikePickle(ArraySegment<byte> head, bool complete)
    {
        if (head.Count < 2)
        {
            return false;
        }

        if (head[0] == PickleOpcodes.Proto)
        {
            return head[1] <= PickleOpcodes.HighestProtocol;
        }

        if (!PickleOpcodes.IsKnown(head[0]))
        {
            return false;
        }

        var probe = new PickleMachine(head, ScanOptions.Default with { MaxContainerItems = 16 }, null, () => false).Run(0, 200_000);
        return probe.Stopped
            ? probe.Ops >= 2
            : !complete && probe.Truncated && probe.Ops >= 8;
    }

    private static bool ImportsDenied(ScanContext ctx, PickleRun run) =>
        run.Imports.Any(i => ctx.Policy.Classify(i.Module, i.Name).Verdict == GlobalVerdict.Denied) || run.Nested.Count > 0;

    private static void Collect(ScanContext ctx, PickleRun run, string? member, int depth, List<PickleImport> imports, List<PickleCall> calls)
    {
        imports.AddRange(run.Imports);
        calls.AddRange(run.Calls.Take(10_000 - Math.Min(calls.Count, 10_000)));
        foreach (var call in run.Calls)
        {
            ctx.RecordCall(call);
        }

        foreach (var issue in run.Issues)
        {
            ctx.Add(issue.Severity, issue.Code, issue.Title, issue.Evidence, member, issue.Offset);
        }

        foreach (var (offset, text) in run.Strings)
        {
            ctx.ScanText(text, "a pickle string", member, offset);
        }

        foreach (var nested in run.Nested)
        {
            string nestedMember = $"{member ?? string.Empty}#nested@{nested.Offset}";
            if (depth + 1 > ctx.Options.MaxNestingDepth)
            {
                ctx.Add(Severity.High, FindingCodes.PickleNested, "Nested pickle too deep to analyse",
                    $"{nested.Loader} at offset {nested.Offset} unpickles {nested.Bytes.Count} bytes; nesting depth limit {ctx.Options.MaxNestingDepth} reached.",
                    member, nested.Offset);
                continue;
            }

            ctx.Add(Severity.High, FindingCodes.PickleNested, "Pickle unpickles a nested pickle",
                $"{nested.Loader} at offset {nested.Offset} unpickles {nested.Bytes.Count} bytes embedded in the pickle; analysed as {nestedMember}.",
                member, nested.Offset);
            Analyze(ctx, nested.Bytes, nestedMember, depth + 1, PickleLayout.Plain, joblibAware: false);
        }
    }

    private static void ReportTrailing(ScanContext ctx, ArraySegment<byte> data, string? member, PickleLayout layout, int pos, int pickles)
    {
        long size = data.Count - pos;
        if (layout == PickleLayout.TorchLegacy)
        {
            ctx.Note($"{member ?? "file"}: {size} bytes of raw storage data after {pickles} legacy PyTorch pickles (not pickles, not analysed).");
        }
        else
        {
            ctx.Add(Severity.Low, FindingCodes.PickleTrailingData, "Data after the last pickle",
                $"{size} bytes follow the STOP at offset {pos - 1}; loaders ignore them, so they can hide a second payload (polyglot).",
                member, pos);
        }
    }

    private static void JudgeImports(ScanContext ctx, List<PickleImport> imports, List<PickleCall> calls, string? member, bool joblibUnderstood)
    {
        foreach (var group in imports.GroupBy(i => i.FullName, StringComparer.Ordinal))
        {
            var first = group.First();
            ctx.RecordImport(first.FullName);
            var verdict = ctx.Policy.Classify(first.Module, first.Name);
            if (verdict.Verdict == GlobalVerdict.Allowed)
            {
                continue;
            }

            // joblib's NumpyArrayWrapper only stores attributes; the one thing joblib.load does with it (read the
            // array bytes) is what the scanner itself modelled. A policy may still deny it; unlisted, it is no finding.
            if (verdict.Verdict == GlobalVerdict.Unknown && joblibUnderstood && JoblibArrayWrapper.IsWrapperClass(first.Module, first.Name))
            {
                continue;
            }

            var call = calls.FirstOrDefault(c => c.Callable == first.FullName && c.Kind != "BUILD");
            string where = $"{first.Opcode} at offset {first.Offset}" + (group.Count() > 1 ? $" ({group.Count()} times)" : string.Empty);
            string called = call is null ? "not called directly" : $"called by {call.Kind} at offset {call.Offset} with {call.Arguments}";
            var indicator = new ExtractedIndicator("PickleImport", first.FullName);
            if (verdict.Verdict == GlobalVerdict.Denied)
            {
                ctx.Add(Severity.Critical, FindingCodes.PickleDeniedGlobal, $"Pickle imports denied global {first.FullName}",
                    $"{where}; {called}. Policy rule '{verdict.Rule!.Pattern}': {verdict.Rule.Reason}", member, first.Offset, indicator);
            }
            else
            {
                ctx.Add(Severity.Medium, FindingCodes.PickleUnknownGlobal, $"Pickle imports unlisted global {first.FullName}",
                    $"{where}; {called}. Neither allowed nor denied by policy '{ctx.Policy.Name}'.", member, first.Offset, indicator);
            }
        }
    }
}
