using System.Security.Cryptography;
using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Exports.Sets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Tests.Exports.Runs;

/// <summary>
/// The curated-set test bed plus an <see cref="ExportBuilder"/> writing into a data folder of its own (deleted with
/// the bed), on the same movable clock, so cut-offs and "changed since" are exact.
/// </summary>
internal sealed class ExportTestBed : IDisposable
{
    private ExportTestBed(PortalDatabaseSettings settings, int retention)
    {
        Settings = settings;
        Sets = new CuratedSetTestBed(settings);
        var contexts = TestContexts.Factory(settings);
        Builder = new ExportBuilder(
            contexts, Sets.Resolver, settings, Options.Create(new ExportOptions { Retention = retention }), Sets.Clock,
            NullLogger<ExportBuilder>.Instance);
    }

    public PortalDatabaseSettings Settings { get; }

    public CuratedSetTestBed Sets { get; }

    public ExportBuilder Builder { get; }

    public static async Task<ExportTestBed> CreateAsync(ITestDatabases databases, int retention = 5)
    {
        var folder = Path.Combine(Path.GetTempPath(), "aicti-export-runs", Guid.NewGuid().ToString("N"));
        var settings = await TestContexts.MigrateAsync(await databases.CreateAsync());
        return new ExportTestBed(settings with { DataFolder = folder }, retention);
    }

    public string SetFolder(Guid setId) => ExportOptions.SetFolder(Settings.DataFolder, setId);

    /// <summary>A queued run as the launcher records it (without Quartz: the tests call the builder themselves).</summary>
    public async Task<Guid> QueueAsync(Guid setId, ExportFormat format, ExportKind kind = ExportKind.Full)
    {
        await using var db = Sets.Db();
        var run = new ExportRun
        {
            CuratedSetId = setId, Format = format, Kind = kind, RequestedBy = "curator", QueuedAt = Sets.Clock.UtcNow,
        };
        db.ExportRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    public async Task<ExportRun> BuildAsync(Guid setId, ExportFormat format, ExportKind kind = ExportKind.Full) =>
        await Builder.BuildAsync(await QueueAsync(setId, format, kind), null, CancellationToken.None);

    public async Task<ExportRun> RunAsync(Guid runId)
    {
        await using var db = Sets.Db();
        return await db.ExportRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    public string PackageFolder(ExportRun run) => Path.Combine(SetFolder(run.CuratedSetId), run.PackageFolder!);

    /// <summary>The published manifest, after checking that every file it lists has exactly its size and SHA-256.</summary>
    public async Task<ExportManifest> VerifiedManifestAsync(ExportRun run)
    {
        var folder = PackageFolder(run);
        var manifest = JsonSerializer.Deserialize<ExportManifest>(await File.ReadAllTextAsync(Path.Combine(folder, ExportManifest.FileName)))!;
        Assert.NotEmpty(manifest.Files);
        foreach (var file in manifest.Files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, file.Name));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
            Assert.Equal(bytes.LongLength, file.Bytes);
        }

        Assert.Equal(
            manifest.Files.Select(f => f.Name).Append(ExportManifest.FileName).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(manifest.Files.Sum(f => f.Bytes), run.TotalBytes);
        return manifest;
    }

    public void Dispose()
    {
        if (Directory.Exists(Settings.DataFolder))
        {
            Directory.Delete(Settings.DataFolder, recursive: true);
        }
    }
}
