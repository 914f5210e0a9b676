using AiCtiPortal.Engine.Artifacts;
using static AiCtiPortal.Engine.Artifacts.FindingCodes;

namespace AiCtiPortal.Engine.Tests.Artifacts;

/// <summary>Differential checks against pickles written by CPython's pickler (see Vectors/README.md).</summary>
public sealed class PickleVectorTests
{
    public static TheoryData<string, int, string, string> Vectors()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (string line in File.ReadLines(VectorFile()).Skip(1))
        {
            string[] f = line.Split('\t');
            data.Add(f[0], int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), f[2], f[3]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void CPython_pickles_are_parsed_and_judged(string name, int protocol, string expectation, string hex)
    {
        var report = Scans.Run(Convert.FromHexString(hex), $"{name}-{protocol}.pkl");

        Assert.Equal(ArtifactFormat.Pickle, report.Format);
        Scans.Lacks(report, PickleMalformed);
        switch (expectation)
        {
            case "clean":
                Scans.Clean(report);
                break;
            case "denied":
                Assert.Contains(report.Findings, f => f.Code == PickleDeniedGlobal && f.Indicator!.Value is "posix.system" or "os.system" or "nt.system");
                Assert.Equal(ScanVerdict.Malicious, report.Verdict);
                if (name.StartsWith("nested", StringComparison.Ordinal))
                {
                    Scans.Has(report, PickleNested);
                }

                break;
            default:
                Assert.Equal(PickleOutOfBandBuffer, Assert.Single(report.Findings).Code);
                break;
        }
    }

    private static string VectorFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiCtiPortal.sln")))
            {
                string path = Path.Combine(dir.FullName, "tests", "AiCtiPortal.Engine.Tests", "Artifacts", "Vectors", "cpython-pickles.tsv");
                return File.Exists(path) ? path : throw new FileNotFoundException($"Pickle vectors missing: {path}");
            }
        }

        throw new DirectoryNotFoundException($"No folder holding AiCtiPortal.sln above {AppContext.BaseDirectory}");
    }
}
