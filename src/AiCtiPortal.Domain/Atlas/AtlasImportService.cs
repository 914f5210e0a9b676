using System.Text;
using AiCtiPortal.Domain.Atlas.Yaml;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Atlas;

/// <summary>
/// Replaces the ATLAS catalogue (tactics, techniques and their tactic links) with the contents of an ATLAS.yaml and
/// records an <see cref="AtlasRelease"/>. The file is read and validated completely first, then written in one
/// transaction: a malformed file or a failure half-way leaves the previous catalogue exactly as it was.
/// </summary>
public sealed class AtlasImportService(
    IDbContextFactory<PortalDbContext> db,
    IOptions<AtlasImportOptions> options,
    TimeProvider time,
    ILogger<AtlasImportService> logger)
{
    private const int MaxSourceLength = 2048;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<AtlasImportResult> ImportAsync(Stream yaml, string source, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        progress?.Report(0);
        var buffer = await BoundedCopy.ReadAsync(yaml, options.Value.MaxBytes, ct);
        progress?.Report(10);

        var document = Parse(buffer);
        ct.ThrowIfCancellationRequested();
        progress?.Report(40);

        var release = new AtlasRelease
        {
            Version = document.Version,
            Source = source.Length > MaxSourceLength ? source[..MaxSourceLength] : source,
            ImportedAt = time.GetUtcNow().UtcDateTime,
            TacticCount = document.Tactics.Count,
            TechniqueCount = document.Techniques.Count,
            MitigationCount = document.MitigationCount,
            CaseStudyCount = document.CaseStudyCount,
        };
        await ReplaceCatalogueAsync(document, release, progress, ct);
        progress?.Report(100);

        logger.LogInformation(
            "Imported ATLAS {Version} from {Source}: {Tactics} tactics, {Techniques} techniques, {Mitigations} mitigations, {CaseStudies} case studies",
            release.Version, release.Source, release.TacticCount, release.TechniqueCount, release.MitigationCount, release.CaseStudyCount);
        return new AtlasImportResult(
            release.Id, release.Version, release.Source, release.TacticCount, release.TechniqueCount,
            release.MitigationCount, release.CaseStudyCount);
    }

    private static AtlasDocument Parse(MemoryStream buffer)
    {
        try
        {
            using var reader = new StreamReader(buffer, StrictUtf8, detectEncodingFromByteOrderMarks: true);
            return AtlasDocumentReader.Read(reader, new YamlReadLimits());
        }
        catch (DecoderFallbackException ex)
        {
            throw new AtlasFormatException("The file is not UTF-8 text; ATLAS.yaml is UTF-8.", ex);
        }
    }

    private async Task ReplaceCatalogueAsync(AtlasDocument document, AtlasRelease release, IProgress<int>? progress, CancellationToken ct)
    {
        await using var context = await db.CreateDbContextAsync(ct);
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            context.ChangeTracker.Clear();
            await using var transaction = await context.Database.BeginTransactionAsync(ct);
            await context.Set<AtlasTechniqueTactic>().ExecuteDeleteAsync(ct);
            await context.AtlasTechniques.ExecuteDeleteAsync(ct);
            await context.AtlasTactics.ExecuteDeleteAsync(ct);
            progress?.Report(60);

            context.AtlasTactics.AddRange(document.Tactics);
            context.AtlasTechniques.AddRange(document.Techniques);
            context.AtlasReleases.Add(release);
            await context.SaveChangesAsync(ct);
            // The catalogue's technique facet shows these names from its snapshot: a new revision rebuilds it.
            await context.Database.ExecuteSqlRawAsync(Catalogue.CatalogueRevisionSchema.BumpSql, ct);
            progress?.Report(90);

            await transaction.CommitAsync(ct);
        });
    }
}
