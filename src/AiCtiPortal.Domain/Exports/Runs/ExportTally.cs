namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>What an export wrote: reports, indicators, and objects in the format's own terms.</summary>
internal sealed record ExportTally(long Reports, long Indicators, long Objects, IReadOnlyDictionary<string, long>? FormatCounts = null)
{
    public IReadOnlyDictionary<string, long> ToManifestCounts()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["reports"] = Reports, ["indicators"] = Indicators, ["objects"] = Objects,
        };
        foreach (var (name, value) in FormatCounts ?? new Dictionary<string, long>())
        {
            counts[name] = value;
        }

        return counts;
    }
}
