using System.Text;
using AiCtiPortal.Domain.Atlas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Tests.Atlas;

public sealed class AtlasImportServiceTests : IAsyncLifetime
{
    private PortalTestServices _portal = null!;

    public async Task InitializeAsync() => _portal = await PortalTestServices.StartAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private AtlasImportService Service(long maxBytes = 50L * 1024 * 1024) => new(
        _portal.Db,
        Options.Create(new AtlasImportOptions { MaxBytes = maxBytes }),
        TimeProvider.System,
        NullLogger<AtlasImportService>.Instance);

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<(int Tactics, int Techniques, int Links, int Releases)> CountsAsync()
    {
        await using var db = await _portal.Db.CreateDbContextAsync();
        return (await db.AtlasTactics.CountAsync(), await db.AtlasTechniques.CountAsync(),
            await db.Set<AiCtiPortal.Domain.Atlas.AtlasTechniqueTactic>().CountAsync(), await db.AtlasReleases.CountAsync());
    }

    [Fact]
    public async Task Importing_atlas_5_6_0_writes_the_catalogue_and_a_release()
    {
        var progress = new List<int>();
        await using var file = SharedAtlasFile.Open();

        var result = await Service().ImportAsync(file, "ATLAS.yaml (test)", new SynchronousProgress(progress), CancellationToken.None);

        Assert.Equal("Imported ATLAS 5.6.0: 16 tactics, 170 techniques", result.Summary);
        Assert.Equal((35, 57), (result.MitigationCount, result.CaseStudyCount));
        var counts = await CountsAsync();
        Assert.Equal((16, 170, 1), (counts.Tactics, counts.Techniques, counts.Releases));
        Assert.True(counts.Links >= 170);
        await using var db = await _portal.Db.CreateDbContextAsync();
        var release = await db.AtlasReleases.SingleAsync();
        Assert.Equal(("5.6.0", "ATLAS.yaml (test)", 16, 170, 35, 57),
            (release.Version, release.Source, release.TacticCount, release.TechniqueCount, release.MitigationCount, release.CaseStudyCount));
        var sub = await db.AtlasTechniques.Include(t => t.Tactics).SingleAsync(t => t.Id == "AML.T0000.000");
        Assert.Equal("AML.T0000", sub.ParentId);
        Assert.Equal(["AML.TA0002"], sub.Tactics.Select(t => t.TacticId));
        Assert.Equal(0, progress[0]);
        Assert.Equal(100, progress[^1]);
        Assert.Equal(progress.Order(), progress);
    }

    [Fact]
    public async Task Importing_again_replaces_the_catalogue_instead_of_adding_to_it()
    {
        await using (var first = SharedAtlasFile.Open())
        {
            await Service().ImportAsync(first, "first", null, CancellationToken.None);
        }

        await Service().ImportAsync(Utf8(AtlasYaml.Minimal), "second", null, CancellationToken.None);

        var counts = await CountsAsync();
        Assert.Equal((2, 2, 4, 2), counts);
    }

    public static TheoryData<string, string> MalformedFiles()
    {
        var text = SharedAtlasFile.ReadText();
        var cut = text.IndexOf("  - id: AML.T0010", StringComparison.Ordinal) + "  - id: AML.T0010".Length;
        return new()
        {
            { text[..cut], "Technique AML.T0010 has no name" },
            { text.ReplaceFirst("name: Reconnaissance", "name: 'Reconnaissance"), "not valid YAML" },
            {
                text.ReplaceFirst("- id: AML.T0000.000", "- id: AML.T0999.001").ReplaceFirst("subtechnique-of: AML.T0000\n", "subtechnique-of: AML.T0999\n"),
                "Technique AML.T0999.001 names parent AML.T0999, which the file does not define."
            },
            { text.ReplaceFirst("- id: AML.TA0002", "- id: AML.TA02"), "'AML.TA02' is not a well-formed ATLAS tactic id" },
            { text.ReplaceFirst("version: 5.6.0\n", ""), "The file has no version" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task Malformed_file_is_rejected_and_the_previous_catalogue_stays_intact(string yaml, string error)
    {
        await Service().ImportAsync(Utf8(AtlasYaml.Minimal), "good", null, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<AtlasFormatException>(() => Service().ImportAsync(Utf8(yaml), "bad", null, CancellationToken.None));

        Assert.Contains(error, ex.Message, StringComparison.Ordinal);
        Assert.Equal((2, 2, 4, 1), await CountsAsync());
    }

    [Fact]
    public async Task File_over_the_size_limit_is_refused()
    {
        var ex = await Assert.ThrowsAsync<AtlasFormatException>(() =>
            Service(maxBytes: 1024).ImportAsync(SharedAtlasFile.Open(), "big", null, CancellationToken.None));

        Assert.Contains("Jobs:AtlasImport:MaxBytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Non_utf8_file_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(AtlasYaml.Minimal.Replace("The first.", "caf\u00e9", StringComparison.Ordinal));
        var latin1 = Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(bytes));

        var ex = await Assert.ThrowsAsync<AtlasFormatException>(() =>
            Service().ImportAsync(new MemoryStream(latin1), "latin1", null, CancellationToken.None));

        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs the reports in order, as they happen.</summary>
    private sealed class SynchronousProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value) => reports.Add(value);
    }
}
