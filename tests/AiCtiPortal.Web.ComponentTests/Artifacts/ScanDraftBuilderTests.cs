using System.Text;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Web.Artifacts;

namespace AiCtiPortal.Web.ComponentTests.Artifacts;

public class ScanDraftBuilderTests
{
    /// <summary>PROTO 2, GLOBAL posix system, SHORT_BINUNICODE "id", TUPLE1, REDUCE, STOP.</summary>
    private static readonly byte[] MaliciousPickle =
        [0x80, 0x02, .. Encoding.ASCII.GetBytes("cposix\nsystem\n"), 0x8c, 0x02, (byte)'i', (byte)'d', 0x85, (byte)'R', (byte)'.'];

    [Fact]
    public void A_draft_from_a_scan_names_the_file_and_verdict_and_carries_the_fingerprints_and_extracted_indicators()
    {
        var scan = Scan(MaliciousPickle, "evil.pkl");

        var draft = ScanDraftBuilder.Build(scan);

        Assert.Equal("Scan of evil.pkl", draft.Title);
        Assert.Contains("Malicious", draft.Summary);
        Assert.Contains(draft.Indicators, i => i.Type == IndicatorType.ModelFileSha256 && i.Value == scan.Report.Fingerprint!.Sha256);
        Assert.Contains(draft.Indicators, i => i.Type == IndicatorType.ModelFileSsdeep && i.Value == scan.Report.Fingerprint!.Ssdeep.ToString());
        Assert.Contains(draft.Indicators, i => i.Type == IndicatorType.PickleImport && i.Value.Contains("posix.system", StringComparison.Ordinal));
        Assert.Equal(draft.Indicators.Count, draft.Indicators.Select(i => (i.Type, i.Value)).Distinct().Count());
    }

    [Fact]
    public void Extracted_indicators_of_types_the_portal_does_not_know_are_left_out()
    {
        var scan = Scan(MaliciousPickle, "evil.pkl");
        var report = scan.Report with
        {
            Indicators = [new ExtractedIndicator("NoSuchType", "x"), new ExtractedIndicator("Url", "https://evil.example/p")],
        };

        var draft = ScanDraftBuilder.Build(scan with { Report = report });

        Assert.DoesNotContain(draft.Indicators, i => i.Value == "x");
        Assert.Contains(draft.Indicators, i => i.Type == IndicatorType.Url && i.Value == "https://evil.example/p");
    }

    [Fact]
    public void A_long_file_name_is_cut_to_the_title_column()
    {
        var draft = ScanDraftBuilder.Build(Scan(MaliciousPickle, new string('a', 500) + ".pkl"));

        Assert.Equal(200, draft.Title.Length);
        Assert.StartsWith("Scan of aaa", draft.Title);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\models\\evil.pkl", "evil.pkl")]
    [InlineData("  ", "upload")]
    [InlineData(null, "upload")]
    public void Upload_names_are_shown_without_any_folder_part(string? uploaded, string shown) =>
        Assert.Equal(shown, ArtifactScanService.DisplayName(uploaded));

    private static ArtifactScanResult Scan(byte[] bytes, string name)
    {
        using var stream = new MemoryStream(bytes);
        var report = ArtifactScanner.Scan(stream, name);
        return new ArtifactScanResult(name, report, []);
    }
}
