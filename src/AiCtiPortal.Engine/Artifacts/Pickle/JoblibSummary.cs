using System.Globalization;

namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>The joblib array data one pickle stream carried between its opcodes, for the report's notes.</summary>
internal sealed class JoblibSummary
{
    public int Wrappers { get; private set; }

    public List<JoblibArrayRegion> Regions { get; } = [];

    public void Add(PickleRun run)
    {
        Wrappers += run.JoblibWrappers;
        Regions.AddRange(run.JoblibArrays);
    }

    public string Describe(string? member)
    {
        long raw = Regions.Where(r => !r.ObjectPickle).Sum(r => r.End - r.Start);
        int objects = Regions.Count(r => r.ObjectPickle);
        return string.Create(CultureInfo.InvariantCulture,
            $"{member ?? "file"}: joblib layout, {Wrappers} NumpyArrayWrapper(s); {Regions.Count - objects} array(s) of raw data ({raw} bytes) skipped between opcodes, {objects} object array pickle(s) analysed.");
    }
}
