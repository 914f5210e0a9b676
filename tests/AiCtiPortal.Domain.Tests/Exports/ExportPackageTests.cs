using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiCtiPortal.Domain.Exports.Packages;

namespace AiCtiPortal.Domain.Tests.Exports;

public sealed class ExportPackageTests : IDisposable
{
    private static readonly DateTime GeneratedAt = new(2026, 11, 23, 6, 0, 0, DateTimeKind.Utc);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "aicti-export-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_completed_export_is_published_with_a_manifest_of_sizes_and_sha256_of_every_file()
    {
        var id = Guid.NewGuid();
        var bundle = Encoding.UTF8.GetBytes("{\"type\":\"bundle\"}");
        var lines = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{{\"n\":{i}}}\n")));

        await using (var package = ExportPackage.Begin(_root, id))
        {
            await using (var file = package.CreateFile("bundle.json"))
            {
                await file.WriteAsync(bundle);
            }

            await using (var file = package.CreateFile("indicators.jsonl"))
            {
                foreach (var chunk in lines.Chunk(4096))
                {
                    file.Write(chunk);
                }
            }

            var manifest = await package.CompleteAsync("AI supply chain", "stix-2.1", null, GeneratedAt,
                new Dictionary<string, long> { ["indicator"] = 50_000 });

            Assert.Equal(["bundle.json", "indicators.jsonl"], manifest.Files.Select(f => f.Name));
        }

        var published = Path.Combine(_root, id.ToString("N"));
        var read = JsonSerializer.Deserialize<ExportManifest>(await File.ReadAllTextAsync(Path.Combine(published, ExportManifest.FileName)))!;
        foreach (var file in read.Files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(published, file.Name));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
            Assert.Equal(bytes.LongLength, file.Bytes);
        }

        Assert.Equal(50_000, read.Counts["indicator"]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, ExportPackage.IncompleteFolder)));
    }

    [Fact]
    public async Task An_export_abandoned_midway_leaves_nothing_a_consumer_could_download()
    {
        var id = Guid.NewGuid();
        await using (var package = ExportPackage.Begin(_root, id))
        {
            await using var file = package.CreateFile("bundle.json");
            await file.WriteAsync(Encoding.UTF8.GetBytes("{\"type\":\"bundle\",\"objects\":["));
            Assert.True(Directory.Exists(package.WorkingFolder));
        }

        Assert.False(Directory.Exists(Path.Combine(_root, id.ToString("N"))));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, ExportPackage.IncompleteFolder)));
    }

    [Fact]
    public async Task What_a_crashed_process_left_behind_is_cleared_without_touching_published_exports()
    {
        var published = Guid.NewGuid();
        await using (var package = ExportPackage.Begin(_root, published))
        {
            await package.CompleteAsync("set", "csv", GeneratedAt.AddDays(-1), GeneratedAt, new Dictionary<string, long>());
        }

        Directory.CreateDirectory(Path.Combine(_root, ExportPackage.IncompleteFolder, Guid.NewGuid().ToString("N")));

        ExportPackage.RemoveAbandoned(_root);

        Assert.False(Directory.Exists(Path.Combine(_root, ExportPackage.IncompleteFolder)));
        Assert.True(File.Exists(Path.Combine(_root, published.ToString("N"), ExportManifest.FileName)));
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("sub/bundle.json")]
    [InlineData("..\\escape.json")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData(ExportManifest.FileName)]
    public async Task File_names_cannot_leave_the_package_or_replace_the_manifest(string name)
    {
        await using var package = ExportPackage.Begin(_root, Guid.NewGuid());

        Assert.Throws<ArgumentException>(() => package.CreateFile(name));
    }

    [Fact]
    public async Task A_published_export_cannot_be_written_again()
    {
        var id = Guid.NewGuid();
        await using (var package = ExportPackage.Begin(_root, id))
        {
            await package.CompleteAsync("set", "csv", null, GeneratedAt, new Dictionary<string, long>());
            Assert.Throws<InvalidOperationException>(() => package.CreateFile("late.csv"));
        }

        Assert.Throws<InvalidOperationException>(() => ExportPackage.Begin(_root, id));
    }

    [Fact]
    public async Task Closed_files_keep_only_their_manifest_entry_while_the_package_is_still_being_written()
    {
        const int files = 3_000;
        var payload = Encoding.UTF8.GetBytes("{\"event\":1}");
        await using var package = ExportPackage.Begin(_root, Guid.NewGuid());
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < files; i++)
        {
            await using var file = package.CreateFile($"event-{i:D5}.json");
            await file.WriteAsync(payload);
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;

        // Each closed FileStream kept its 64 KiB buffer (about 200 MB for 3,000 files); a manifest entry is a few
        // hundred bytes. The bound is generous so that runtime noise never fails it.
        Assert.True(retained < 32L * 1024 * 1024, $"{files} closed files retained {retained / 1024 / 1024} MB");
        Assert.Equal(0, package.OpenFileCount);
        var manifest = await package.CompleteAsync("set", "misp", null, GeneratedAt, new Dictionary<string, long>());
        Assert.Equal(files, manifest.Files.Count);
        Assert.All(manifest.Files, f => Assert.Equal(payload.Length, f.Bytes));
    }
}
