using System.Text.Json.Nodes;
using AiCtiPortal.Domain.Exports.Misp;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Xunit.Abstractions;
using static AiCtiPortal.Domain.Tests.Exports.Misp.MispTestData;

namespace AiCtiPortal.Domain.Tests.Exports.Misp;

public sealed class MispEventFilesTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aicti-misp-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Many_events_stream_into_one_importable_file_each_with_bounded_memory()
    {
        const int count = 2000;
        var memory = new Dictionary<int, long>();
        var progress = new List<long>();
        var folder = Directory.CreateDirectory(Path.Combine(_root, "events")).FullName;

        var counts = await MispEventFiles.WriteAllAsync(
            name => new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true),
            Events(count, memory), Options, new SynchronousProgress(progress.Add));

        // Per event: five URLs as attributes and five hashes as file objects of two attributes (hash and state).
        Assert.Equal((count, 15L * count, 5L * count), (counts.Events, counts.Attributes, counts.Objects));
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), progress);
        var files = Directory.GetFiles(folder);
        Assert.Equal(count, files.Length);
        Assert.All(files, file =>
        {
            var document = JsonNode.Parse(File.ReadAllBytes(file));
            Assert.Equal(Path.GetFileNameWithoutExtension(file), (string?)document!["Event"]!["uuid"]);
        });
        Assert.All(files.Where((_, i) => i % 50 == 0), file => Assert.Empty(MispCoreFormat.Validate(JsonNode.Parse(File.ReadAllBytes(file)))));

        // Between the 500th and the last event the heap must not grow with the events written.
        var growth = memory[count - 1] - memory[500];
        output.WriteLine($"Heap after event 500: {memory[500]:N0} bytes; after event {count}: {memory[count - 1]:N0} bytes.");
        Assert.True(growth < 2 * 1024 * 1024, $"the heap grew by {growth:N0} bytes over {count - 500} events");
    }

    [Fact]
    public async Task An_export_package_publishes_one_file_per_event_with_the_counts_in_its_manifest()
    {
        const int count = 40;
        await using var package = ExportPackage.Begin(_root, Guid.NewGuid());

        var counts = await MispEventFiles.WriteAllAsync(package, Events(count, []), Options, null);
        var manifest = await package.CompleteAsync("all", "misp", null, Created, counts.ToManifestCounts());

        Assert.Equal((count, 15L * count, 5L * count), (manifest.Counts["events"], manifest.Counts["attributes"], manifest.Counts["objects"]));
        Assert.Equal(count, manifest.Files.Count);
        Assert.All(manifest.Files, file =>
        {
            Assert.EndsWith(".json", file.Name, StringComparison.Ordinal);
            Assert.Empty(MispCoreFormat.Validate(JsonNode.Parse(File.ReadAllBytes(Path.Combine(package.FinalFolder, file.Name)))));
        });
    }

    [Fact]
    public async Task Two_reports_sharing_an_indicator_get_distinct_attribute_uuids_as_MISP_requires()
    {
        var shared = Indicator(0, IndicatorType.Domain);
        await using var package = ExportPackage.Begin(_root, Guid.NewGuid());
        var first = Input([shared]);
        var second = first with { Report = first.Report with { Id = Guid.NewGuid() } };

        await MispEventFiles.WriteAllAsync(package, AsAsync([first, second]), Options, null);
        await package.CompleteAsync("all", "misp", null, Created, new Dictionary<string, long>());

        var uuids = Directory.GetFiles(package.FinalFolder, "*.json").Where(f => Path.GetFileName(f) != ExportManifest.FileName)
            .Select(f => JsonNode.Parse(File.ReadAllBytes(f))!["Event"]!.AsObject())
            .SelectMany(e => AllAttributes(e).Select(a => (string)a["uuid"]!)).ToList();
        Assert.Equal(uuids.Count, uuids.Distinct().Count());
        Assert.Equal(2 * 3, uuids.Count); // per event: the domain, the summary and the reference link
    }

    private static async IAsyncEnumerable<MispEventInput> Events(int count, Dictionary<int, long> memory)
    {
        for (var i = 0; i < count; i++)
        {
            if (i == 500 || i == count - 1)
            {
                memory[i] = GC.GetTotalMemory(forceFullCollection: true);
            }

            var indicators = Enumerable.Range(0, 10).Select(n => Indicator(n, n % 2 == 0 ? IndicatorType.Url : IndicatorType.ModelFileSha256,
                n % 2 == 0 ? $"https://models.example.net/{i}/{n}.bin" : $"{i * 10 + n:x64}")).ToList();
            var report = new ReportExport(new Guid(i, 0, 0, new byte[8]), 1, $"Report {i}", "", Tlp.Green, 50, Created, Created, Created,
                indicators.Select(x => x.Id).ToList(), [], [], null, 0);
            yield return new MispEventInput(report, SupplyChainPhase.ModelArtifact, indicators, []);
            await Task.Yield();
        }
    }

    private static async IAsyncEnumerable<MispEventInput> AsAsync(IEnumerable<MispEventInput> items)
    {
        foreach (var item in items)
        {
            yield return item;
            await Task.Yield();
        }
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this one reports in order, on the writer's thread.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
