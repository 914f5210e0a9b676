using System.Numerics;
using System.Runtime.CompilerServices;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// One report search's facet filters, evaluated per snapshot position. Each filter that fails sets its own bit, so
/// one pass yields the total (no bit set) and every facet's counts, which apply all filters but their own
/// (only that facet's bit set) — conventional faceting without a query per facet.
/// The per-position methods are compiled fully optimised at once: they run 100,000 times per search, and on a busy
/// two-core host tiered compilation left them in unoptimised code for minutes, at several times the cost.
/// </summary>
internal sealed class ReportFilter
{
    private const int PhaseBit = 1, TechniqueBit = 2, TypeBit = 4, TlpBit = 8, ConfidenceBit = 16, PublishedBit = 32, ScoreBit = 64;

    private readonly ReportColumns _reports;
    private readonly int _phases;
    private readonly bool[]? _techniques;
    private readonly long _types;
    private readonly int _tlps;
    private readonly int _minConfidence;
    private readonly int _maxConfidence;
    private readonly long _from;
    private readonly long _to;
    private readonly double? _minScore;
    private readonly long[] _windows;

    // Band limits as plain arrays: this runs once per visible report per search, 100,000 times for the landing page.
    private static readonly double[] ConfidenceMins = CatalogueBands.Confidence.Select(b => b.Min!.Value).ToArray();
    private static readonly double[] ConfidenceMaxes = CatalogueBands.Confidence.Select(b => b.Max!.Value).ToArray();
    private static readonly double[] ScoreMins = CatalogueBands.Score.Select(b => b.Min!.Value).ToArray();

    public ReportFilter(CatalogueQuery query, ReportColumns reports, DateTime now)
    {
        _reports = reports;
        _phases = query.Phases.Aggregate(0, (mask, phase) => mask | (int)phase);
        if (query.TechniqueIds.Count > 0)
        {
            // Techniques no published report maps select nothing, but the filter still applies.
            var wanted = query.TechniqueIds.ToHashSet(StringComparer.Ordinal);
            _techniques = reports.TechniqueIds.Select(wanted.Contains).ToArray();
        }

        _types = CatalogueStatistics.MaskOf(query.IndicatorTypes);
        _tlps = query.Tlps.Aggregate(0, (mask, tlp) => mask | (1 << (int)tlp));
        _minConfidence = query.MinConfidence ?? int.MinValue;
        _maxConfidence = query.MaxConfidence ?? int.MaxValue;
        _from = query.PublishedFrom?.Ticks ?? long.MinValue;
        _to = query.PublishedTo?.Ticks ?? long.MaxValue;
        _minScore = query.MinScore;
        _windows = CatalogueBands.Published.Select(b => now.AddDays(-b.Min!.Value).Ticks).ToArray();
    }

    /// <summary>The total and every facet's counts over the visible candidates (all positions, or the text matches).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReportTally Count(SnapshotViewer viewer, int[]? matches, bool facets)
    {
        var r = _reports;
        var tally = new ReportTally(r.TechniqueIds.Length);
        var count = matches?.Length ?? r.Count;
        for (var i = 0; i < count; i++)
        {
            var p = matches is null ? i : matches[i];
            if (!viewer.Sees(r.Tlps[p], r.Authors[p]))
            {
                continue;
            }

            var fails = Fails(p);
            if (fails == 0)
            {
                tally.Total++;
            }

            // A row failing two filters counts in no facet; failing one, only in that one's.
            if (facets && (fails & (fails - 1)) == 0)
            {
                Count(tally, p, fails);
            }
        }

        return tally;
    }

    /// <summary>Whether position p is a result: visible and passing every filter.</summary>
    public bool Passes(SnapshotViewer viewer, int p) => viewer.Sees(_reports.Tlps[p], _reports.Authors[p]) && Fails(p) == 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Fails(int p)
    {
        var r = _reports;
        var fails = 0;
        if (_phases != 0 && (r.Phases[p] & _phases) == 0)
        {
            fails |= PhaseBit;
        }

        if (_techniques is not null && !HasTechnique(p))
        {
            fails |= TechniqueBit;
        }

        if (_types != 0 && (r.TypeMasks[p] & _types) == 0)
        {
            fails |= TypeBit;
        }

        if (_tlps != 0 && (_tlps & (1 << r.Tlps[p])) == 0)
        {
            fails |= TlpBit;
        }

        if (r.Confidences[p] < _minConfidence || r.Confidences[p] > _maxConfidence)
        {
            fails |= ConfidenceBit;
        }

        if (r.PublishedTicks[p] < _from || r.PublishedTicks[p] >= _to)
        {
            fails |= PublishedBit;
        }

        // NaN (no score) fails every comparison: unscored reports never pass a score filter.
        if (_minScore is { } min && !(r.Scores[p] >= min))
        {
            fails |= ScoreBit;
        }

        return fails;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool HasTechnique(int p)
    {
        for (var i = _reports.TechniqueStarts[p]; i < _reports.TechniqueStarts[p + 1]; i++)
        {
            if (_techniques![_reports.Techniques[i]])
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Count(ReportTally tally, int p, int fails)
    {
        var r = _reports;
        if (fails is 0 or PhaseBit)
        {
            for (var bits = (uint)r.Phases[p]; bits != 0; bits &= bits - 1)
            {
                tally.Phases[BitOperations.TrailingZeroCount(bits)]++;
            }
        }

        if (fails is 0 or TechniqueBit)
        {
            for (var i = r.TechniqueStarts[p]; i < r.TechniqueStarts[p + 1]; i++)
            {
                tally.Techniques[r.Techniques[i]]++;
            }
        }

        if (fails is 0 or TypeBit)
        {
            for (var bits = (ulong)r.TypeMasks[p]; bits != 0; bits &= bits - 1)
            {
                tally.Types[BitOperations.TrailingZeroCount(bits)]++;
            }
        }

        if (fails is 0 or TlpBit)
        {
            tally.Tlps[r.Tlps[p]]++;
        }

        if (fails is 0 or ConfidenceBit)
        {
            var confidence = r.Confidences[p];
            for (var b = 0; b < ConfidenceMins.Length; b++)
            {
                if (confidence >= ConfidenceMins[b] && confidence <= ConfidenceMaxes[b])
                {
                    tally.Confidence[b]++;
                }
            }
        }

        if (fails is 0 or PublishedBit)
        {
            var published = r.PublishedTicks[p];
            for (var b = 0; b < _windows.Length; b++)
            {
                if (published >= _windows[b])
                {
                    tally.Published[b]++;
                }
            }
        }

        if (fails is 0 or ScoreBit)
        {
            var score = r.Scores[p];
            for (var b = 0; b < ScoreMins.Length; b++)
            {
                if (score >= ScoreMins[b])
                {
                    tally.Score[b]++;
                }
            }
        }
    }
}

/// <summary>How many reports pass every filter, and each facet's counts, indexed by value.</summary>
internal sealed class ReportTally(int techniques)
{
    public int Total { get; set; }

    /// <summary>By phase bit (Data = 0, Training = 1, ...).</summary>
    public int[] Phases { get; } = new int[32];

    /// <summary>By the snapshot's technique index.</summary>
    public int[] Techniques { get; } = new int[techniques];

    /// <summary>By indicator type value (its bit in the report's type mask).</summary>
    public int[] Types { get; } = new int[64];

    public int[] Tlps { get; } = new int[(int)Enum.GetValues<Tlp>().Max() + 1];

    public int[] Confidence { get; } = new int[CatalogueBands.Confidence.Count];

    public int[] Published { get; } = new int[CatalogueBands.Published.Count];

    public int[] Score { get; } = new int[CatalogueBands.Score.Count];

    public static int PhaseIndex(SupplyChainPhase phase) => BitOperations.TrailingZeroCount((uint)phase);

    public static int TypeIndex(IndicatorType type) => (int)type;
}
