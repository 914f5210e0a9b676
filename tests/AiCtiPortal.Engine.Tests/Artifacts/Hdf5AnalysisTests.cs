using System.Text;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Engine.Tests.Artifacts.Builders;
using static AiCtiPortal.Engine.Artifacts.FindingCodes;

namespace AiCtiPortal.Engine.Tests.Artifacts;

public sealed class Hdf5AnalysisTests
{
    private const string DenseModel =
        """{"class_name": "Sequential", "config": {"name": "sequential", "layers": [{"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "dtype": "float32", "name": "input_1"}}, {"class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": "relu", "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}}}}]}}""";

    private const string TrainingConfig =
        """{"loss": "mse", "metrics": null, "optimizer_config": {"class_name": "Adam", "config": {"name": "Adam", "learning_rate": 0.001}}}""";

    private static string LambdaModel()
    {
        // Keras 2 marshals the lambda's code object; its names (os, system) appear as short interned strings in it.
        string code = Convert.ToBase64String([0xe3, 0, 0, 0, 0xda, 2, .. "os"u8, 0xda, 6, .. "system"u8, 0x29, 1]);
        return $$$"""{"class_name": "Sequential", "config": {"name": "sequential", "layers": [{"class_name": "Lambda", "config": {"name": "lambda", "function": ["{{{code}}}", null, null], "function_type": "lambda", "output_shape": null}}]}}""";
    }

    [Theory]
    [InlineData(1, false, 0)]
    [InlineData(3, false, 0)]
    [InlineData(1, true, 0)]
    [InlineData(3, true, 512)]
    public void Benign_keras_h5_config_has_no_findings(int version, bool variableLength, int userBlock)
    {
        byte[] file = new Hdf5Builder { UserBlock = userBlock }
            .Attribute("keras_version", "2.13.1", version, variableLength)
            .Attribute("model_config", DenseModel, version, variableLength)
            .Attribute("training_config", TrainingConfig, version, variableLength)
            .ToArray();

        var report = Scans.Run(file, "model.h5");

        Assert.Equal(ArtifactFormat.Hdf5, report.Format);
        Scans.Clean(report);
        Assert.Contains(report.Notes, n => n.Contains("model_config read from the HDF5 attribute", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("training_config read from the HDF5 attribute", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, true)]
    public void Lambda_layer_in_an_h5_model_config_is_found(int version, bool variableLength)
    {
        byte[] file = new Hdf5Builder().Attribute("model_config", LambdaModel(), version, variableLength).ToArray();

        var report = Scans.Run(file, "model.h5");

        Assert.Equal(ScanVerdict.Malicious, report.Verdict);
        Assert.Equal("h5:model_config", Scans.Single(report, KerasLambda).Location.Member);
        Assert.Equal(Severity.Critical, Scans.Single(report, KerasLambda).Severity);
    }

    [Fact]
    public void Config_outside_any_attribute_message_is_found_by_the_bounded_scan()
    {
        byte[] file = new Hdf5Builder { Trailer = [0, 0, .. Encoding.UTF8.GetBytes(LambdaModel()), 0] }
            .Attribute("keras_version", "2.13.1").ToArray();

        var report = Scans.Run(file, "model.h5");

        Scans.Has(report, KerasLambda, Severity.Critical);
        Assert.Contains(report.Notes, n => n.Contains("Keras JSON config found at offset", StringComparison.Ordinal));
    }

    [Fact]
    public void Keras_h5_config_naming_an_arbitrary_module_is_reported()
    {
        string config = """{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"name": "d", "activation": {"module": "os", "class_name": "function", "config": "system", "registered_name": "function"}}}]}}""";

        var report = Scans.Run(new Hdf5Builder().Attribute("model_config", config).ToArray(), "model.h5");

        Scans.Has(report, KerasModuleReference, Severity.Critical);
    }

    [Fact]
    public void Hdf5_without_a_keras_config_is_unsupported_with_a_finding()
    {
        byte[] file = new Hdf5Builder { Trailer = new byte[4096] }.Attribute("CLASS", "GROUP").ToArray();

        var report = Scans.Run(file, "weights.h5");

        Assert.Equal(ArtifactFormat.Hdf5, report.Format);
        Assert.Equal(ScanVerdict.Unsupported, report.Verdict);
        Assert.Contains("not analysed", Scans.Single(report, FormatUnsupported).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Hdf5_after_a_user_block_is_detected_by_content()
    {
        byte[] file = new Hdf5Builder { UserBlock = 1024 }.Attribute("model_config", DenseModel).ToArray();

        Assert.Equal(ArtifactFormat.Hdf5, FormatDetector.Detect(new MemoryStream(file)));
    }

    [Fact]
    public void Attribute_claiming_more_bytes_than_the_file_holds_falls_back_without_allocating()
    {
        byte[] file = new Hdf5Builder().Attribute("model_config", DenseModel).ToArray();
        int name = file.AsSpan().IndexOf("model_config\0"u8);
        BitConverter.TryWriteBytes(file.AsSpan(name + 16 + 4), int.MaxValue);

        var report = Scans.Run(file, "model.h5");

        Assert.Contains(report.Notes, n => n.Contains("Keras JSON config found", StringComparison.Ordinal));
        Scans.Clean(report);
    }
}
