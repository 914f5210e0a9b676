using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Engine.Tests.Artifacts.Builders;
using static AiCtiPortal.Engine.Artifacts.FindingCodes;

namespace AiCtiPortal.Engine.Tests.Artifacts;

public sealed class ZipAnalysisTests
{
    private static readonly byte[] StateDict = PickleBuilder.TorchStateDict(("layer.weight", "0", 4, 4), ("layer.bias", "1", 4, 1));

    [Theory]
    [InlineData("archive")]
    [InlineData("resnet18")]
    public void Benign_pytorch_zip_with_any_top_folder_has_no_findings(string top)
    {
        var report = Scans.Run(ZipBuilder.TorchZip(StateDict, top), "model.bin");

        Assert.Equal(ArtifactFormat.PyTorchZip, report.Format);
        Scans.Clean(report);
        Assert.Contains("torch._utils._rebuild_tensor_v2", report.PickleImports);
    }

    [Fact]
    public void Zip64_archives_are_read_through_their_extended_fields()
    {
        var benign = ZipBuilder.TorchZipBuilder(StateDict).Zip64().ToArray();
        var evil = ZipBuilder.TorchZipBuilder(PickleBuilder.CallWithString("os", "system", "id")).Zip64().ToArray();

        Scans.Clean(Scans.Run(benign));
        Assert.Equal("archive/data.pkl", Scans.Single(Scans.Run(evil), PickleDeniedGlobal).Location.Member);
    }

    [Fact]
    public void Deflated_members_are_inflated_and_their_CRC_checked()
    {
        var zip = new ZipBuilder().Add("archive/data.pkl", StateDict, deflate: true).Add("archive/version", "3\n"u8.ToArray(), deflate: true).ToArray();

        Scans.Clean(Scans.Run(zip));
    }

    [Fact]
    public void Malicious_data_pkl_is_found_with_its_member_path()
    {
        var report = Scans.Run(ZipBuilder.TorchZip(PickleBuilder.CallWithString("os", "system", "id")));

        Assert.Equal(ScanVerdict.Malicious, report.Verdict);
        Assert.Equal("archive/data.pkl", Scans.Single(report, PickleDeniedGlobal).Location.Member);
    }

    [Fact]
    public void Every_pickle_member_is_analysed_not_only_data_pkl()
    {
        var zip = ZipBuilder.TorchZipBuilder(StateDict)
            .Add("archive/extra/hooks.bin", PickleBuilder.CallWithString("subprocess", "call", "sh"))
            .Add("archive/constants.pkl", PickleBuilder.CallWithString("runpy", "run_path", "/tmp/x.py"))
            .ToArray();

        var report = Scans.Run(zip);

        var members = report.Findings.Where(f => f.Code == PickleDeniedGlobal).Select(f => f.Location.Member).ToHashSet();
        Assert.Equal(["archive/extra/hooks.bin", "archive/constants.pkl"], members);
    }

    [Fact]
    public void Local_and_central_names_that_differ_are_reported()
    {
        var zip = new ZipBuilder()
            .Add(new ZipBuilder.Member { Name = "archive/data.pkl", LocalName = "archive/data.pk1", Data = StateDict })
            .ToArray();

        var report = Scans.Run(zip);

        Assert.Equal(Severity.High, Scans.Single(report, ZipNameMismatch).Severity);
    }

    [Theory]
    [InlineData("../../etc/cron.d/job")]
    [InlineData("/etc/passwd")]
    [InlineData("archive\\..\\..\\evil.dll")]
    [InlineData("C:/Windows/evil.dll")]
    public void Traversal_and_absolute_member_paths_are_reported(string name)
    {
        var report = Scans.Run(new ZipBuilder().Add(name, "x"u8.ToArray()).ToArray());

        Scans.Has(report, ZipPathTraversal, Severity.High);
    }

    [Fact]
    public void Encrypted_members_are_reported_and_not_analysed()
    {
        var zip = new ZipBuilder().Add(new ZipBuilder.Member { Name = "archive/data.pkl", Data = StateDict, Flags = 0x0001 }).ToArray();

        var report = Scans.Run(zip);

        Scans.Has(report, ZipEncrypted, Severity.Medium);
        Assert.Empty(report.PickleImports);
    }

    [Fact]
    public void Odd_flags_are_reported_but_the_member_is_still_analysed()
    {
        var zip = new ZipBuilder().Add(new ZipBuilder.Member { Name = "archive/data.pkl", Data = PickleBuilder.CallWithString("os", "system", "id"), Flags = 0x2000 }).ToArray();

        var report = Scans.Run(zip);

        Scans.Has(report, ZipOddFlags, Severity.Low);
        Scans.Has(report, PickleDeniedGlobal);
    }

    [Fact]
    public void A_bad_CRC_is_reported_while_the_member_is_still_analysed_as_lenient_loaders_do()
    {
        var zip = new ZipBuilder().Add(new ZipBuilder.Member { Name = "archive/data.pkl", Data = PickleBuilder.CallWithString("os", "system", "id"), Crc = 0xDEADBEEF }).ToArray();

        var report = Scans.Run(zip);

        Scans.Has(report, ZipBadCrc, Severity.Medium);
        Scans.Has(report, PickleDeniedGlobal);
    }

    [Fact]
    public void Nested_archives_are_reported_and_analysed()
    {
        byte[] inner = ZipBuilder.TorchZip(PickleBuilder.CallWithString("pty", "spawn", "/bin/sh"));
        var outer = new ZipBuilder().Add("bundle/readme.txt", "hello"u8.ToArray()).Add("bundle/model.pt", inner, deflate: true).ToArray();

        var report = Scans.Run(outer);

        Scans.Has(report, ZipNestedArchive);
        Assert.Equal("bundle/model.pt!/archive/data.pkl", Scans.Single(report, PickleDeniedGlobal).Location.Member);
    }

    [Fact]
    public void Inflation_stops_at_the_limit_and_reports_a_bomb()
    {
        var zip = new ZipBuilder().Add("zeros.bin", new byte[8 << 20], deflate: true).ToArray();

        var bounded = Scans.Run(zip, options: Scans.Fast with { MaxMemberInflatedBytes = 1 << 20 });
        var ratio = Scans.Run(zip);

        Assert.Contains("stopped after 1048576", Scans.Single(bounded, ZipCompressionRatio).Evidence, StringComparison.Ordinal);
        Assert.Equal(Severity.High, Scans.Single(bounded, ZipCompressionRatio).Severity);
        Assert.Equal(Severity.Medium, Scans.Single(ratio, ZipCompressionRatio).Severity);
    }

    [Fact]
    public void Members_missing_from_the_central_directory_are_found_by_walking_local_headers()
    {
        var zip = ZipBuilder.TorchZipBuilder(StateDict)
            .Add(new ZipBuilder.Member { Name = "archive/hidden.pkl", Data = PickleBuilder.CallWithString("os", "system", "id"), Unlisted = true })
            .ToArray();

        var report = Scans.Run(zip);

        Scans.Has(report, ZipUnlistedEntry, Severity.Medium);
        Assert.Equal("archive/hidden.pkl", Scans.Single(report, PickleDeniedGlobal).Location.Member);
    }

    [Fact]
    public void Overlapping_members_and_duplicate_names_are_reported()
    {
        var zip = new ZipBuilder()
            .Add("archive/data.pkl", StateDict)
            .Add(new ZipBuilder.Member { Name = "archive/data.pkl", Data = StateDict, SharesDataWith = 0 })
            .ToArray();

        var report = Scans.Run(zip);

        Scans.Has(report, ZipOverlappingEntries, Severity.High);
        Scans.Has(report, ZipDuplicateName);
    }

    [Fact]
    public void A_pickle_with_a_zip_appended_is_a_polyglot_analysed_both_ways()
    {
        byte[] pickle = PickleBuilder.CallWithString("os", "system", "id");
        byte[] zip = new ZipBuilder().Prefix(pickle).Add("archive/data.pkl", StateDict).ToArray();

        var report = Scans.Run(zip);

        Assert.Equal(ArtifactFormat.Pickle, report.Format);
        Scans.Has(report, FormatPolyglot, Severity.High);
        Scans.Has(report, ZipPrependedData);
        Scans.Has(report, PickleDeniedGlobal, Severity.Critical);
        Assert.Contains("torch._utils._rebuild_tensor_v2", report.PickleImports);
    }

    [Fact]
    public void Size_mismatch_between_header_and_content_is_reported()
    {
        var zip = new ZipBuilder().Add(new ZipBuilder.Member { Name = "a.bin", Data = new byte[100], DeclaredSize = 5000 }).ToArray();

        Scans.Has(Scans.Run(zip), ZipSizeMismatch);
    }

    [Fact]
    public void Npz_of_numeric_arrays_has_no_findings()
    {
        var npz = new ZipBuilder()
            .Add("weights.npy", NpyBuilder.Build("<f4", "(2, 3)", new byte[24]))
            .Add("bias.npy", NpyBuilder.Build("<f4", "(3,)", new byte[12]), deflate: true)
            .ToArray();

        var report = Scans.Run(npz, "arrays.npz");

        Assert.Equal(ArtifactFormat.NumPyZip, report.Format);
        Scans.Clean(report);
    }
}
