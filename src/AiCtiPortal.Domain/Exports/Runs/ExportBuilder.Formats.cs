using System.Runtime.CompilerServices;
using AiCtiPortal.Domain.Exports.Flat;
using AiCtiPortal.Domain.Exports.Misp;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Stix;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Runs;

public sealed partial class ExportBuilder
{
    private Task<ExportTally> WriteFormatAsync(
        ExportRun run, CuratedSet set, CuratedSetScope scope, DateTime? since, ExportPackage package, ExportProgress tracker,
        CancellationToken ct) => run.Format switch
        {
            ExportFormat.StixBundle => WriteStixAsync(run, set, scope, since, package, tracker, ct),
            ExportFormat.MispEvents => WriteMispAsync(scope, since, package, tracker, ct),
            ExportFormat.Csv => WriteCsvAsync(scope, since, package, tracker, ct),
            ExportFormat.JsonLines => WriteJsonLinesAsync(scope, since, package, tracker, ct),
            _ => throw new ExportFailedException($"The export format {run.Format} is not supported."),
        };

    /// <summary>
    /// One bundle: indicators (with a sighting where one was reported), then reports, then the ATLAS techniques those
    /// reports use as attack patterns, so every technique a report refers to is in the bundle.
    /// </summary>
    private async Task<ExportTally> WriteStixAsync(
        ExportRun run, CuratedSet set, CuratedSetScope scope, DateTime? since, ExportPackage package, ExportProgress tracker,
        CancellationToken ct)
    {
        long indicators = 0, reports = 0;
        var techniqueIds = new SortedSet<string>(StringComparer.Ordinal);
        await using var file = package.CreateFile(ExportFiles.StixBundle);
        await using var writer = new StixBundleWriter(file, $"aicti-export|{set.Id:N}|{run.Id:N}");
        await foreach (var indicator in resolver.IndicatorsAsync(scope, since, ct))
        {
            writer.WriteIndicator(indicator);
            if (indicator.SightingCount > 0)
            {
                writer.WriteSighting(indicator);
            }

            indicators++;
            tracker.Advance();
            await writer.FlushIfFullAsync(ct);
        }

        await foreach (var report in resolver.ReportsAsync(scope, since, ct))
        {
            writer.WriteReport(report);
            techniqueIds.UnionWith(report.TechniqueIds);
            reports++;
            tracker.Advance();
            await writer.FlushIfFullAsync(ct);
        }

        var techniques = await TechniquesAsync(techniqueIds, ct);
        foreach (var atlasId in techniqueIds)
        {
            if (techniques.TryGetValue(atlasId, out var technique))
            {
                writer.WriteAttackPattern(technique);
            }
        }

        await writer.CompleteAsync(ct);
        return new ExportTally(reports, indicators, writer.ObjectCount);
    }

    /// <summary>One MISP event file per report, with the indicators it documents that the set itself contains.</summary>
    private async Task<ExportTally> WriteMispAsync(
        CuratedSetScope scope, DateTime? since, ExportPackage package, ExportProgress tracker, CancellationToken ct)
    {
        var techniques = await TechniquesAsync(null, ct);
        var indicators = new IndicatorCounter();
        var settings = options.Value;
        var misp = new MispExportOptions(new MispOrganisation(settings.MispCreatorName, settings.MispCreatorUuid));
        var counts = await MispEventFiles.WriteAllAsync(
            package, EventsAsync(scope, since, techniques, indicators, tracker, ct), misp, progress: null, ct);
        return new ExportTally(counts.Events, indicators.Count, counts.Attributes + counts.Objects, counts.ToManifestCounts());
    }

    private async IAsyncEnumerable<MispEventInput> EventsAsync(
        CuratedSetScope scope, DateTime? since, IReadOnlyDictionary<string, TechniqueExport> techniques, IndicatorCounter counter,
        ExportProgress tracker, [EnumeratorCancellation] CancellationToken ct)
    {
        // The resolver streams on its own contexts; these lookups use another, as PostgreSQL cannot interleave them.
        await using var db = await contexts.CreateDbContextAsync(ct);
        await foreach (var report in resolver.ReportsAsync(scope, since, ct))
        {
            var phases = await db.Reports.AsNoTracking().Where(r => r.Id == report.Id).Select(r => r.Phases).SingleAsync(ct);
            var ids = report.IndicatorIds.ToList();
            var rows = ids.Count == 0
                ? []
                : await db.Indicators.AsNoTracking().Where(i => ids.Contains(i.Id))
                    .Select(i => new IndicatorExport(
                        i.Id, i.Type, i.NormalizedValue, i.Description, i.Phases, i.Tlp, i.Confidence, i.CreatedAt, i.UpdatedAt,
                        i.FirstSeen, i.LastSeen, i.ValidUntil, i.SightingCount))
                    .ToListAsync(ct);
            var byId = rows.ToDictionary(i => i.Id);
            var ordered = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
            counter.Count += ordered.Count;
            var used = report.TechniqueIds.Where(techniques.ContainsKey).Select(id => techniques[id]).ToList();
            yield return new MispEventInput(report, phases, ordered, used);
            tracker.Advance();
        }
    }

    private async Task<ExportTally> WriteCsvAsync(
        CuratedSetScope scope, DateTime? since, ExportPackage package, ExportProgress tracker, CancellationToken ct)
    {
        long rows = 0;
        await using var file = package.CreateFile(ExportFiles.Csv);
        var writer = IndicatorCsvWriter.Create(file);
        writer.WriteHeader();
        await foreach (var indicator in resolver.IndicatorsAsync(scope, since, ct))
        {
            writer.Write(indicator);
            rows++;
            tracker.Advance();
        }

        await writer.FlushAsync();
        return new ExportTally(0, rows, rows);
    }

    private async Task<ExportTally> WriteJsonLinesAsync(
        CuratedSetScope scope, DateTime? since, ExportPackage package, ExportProgress tracker, CancellationToken ct)
    {
        long rows = 0;
        await using var file = package.CreateFile(ExportFiles.JsonLines);

        // The writer emits small synchronous writes; a buffer turns them into large ones.
        await using var buffered = new BufferedStream(file, 64 * 1024);
        var writer = new IndicatorJsonLinesWriter(buffered);
        await foreach (var indicator in resolver.IndicatorsAsync(scope, since, ct))
        {
            writer.Write(indicator);
            rows++;
            tracker.Advance();
        }

        await buffered.FlushAsync(ct);
        return new ExportTally(0, rows, rows);
    }

    /// <summary>ATLAS techniques as attack patterns (all of them when <paramref name="ids"/> is null; the catalogue is small).</summary>
    private async Task<IReadOnlyDictionary<string, TechniqueExport>> TechniquesAsync(IReadOnlyCollection<string>? ids, CancellationToken ct)
    {
        if (ids is { Count: 0 })
        {
            return new Dictionary<string, TechniqueExport>();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var released = await db.AtlasReleases.AsNoTracking().OrderByDescending(r => r.ImportedAt).Select(r => (DateTime?)r.ImportedAt).FirstOrDefaultAsync(ct)
            ?? DateTime.UnixEpoch;
        var techniques = db.AtlasTechniques.AsNoTracking();
        if (ids is not null)
        {
            var wanted = ids.ToList();
            techniques = techniques.Where(t => wanted.Contains(t.Id));
        }

        var rows = await techniques.Select(t => new { t.Id, t.Name, t.Description }).ToListAsync(ct);
        var rowIds = rows.Select(r => r.Id).ToList();
        var tactics = (await (
                from link in db.Set<Atlas.AtlasTechniqueTactic>().AsNoTracking()
                where rowIds.Contains(link.TechniqueId)
                join tactic in db.AtlasTactics.AsNoTracking() on link.TacticId equals tactic.Id
                select new { link.TechniqueId, tactic.Name, tactic.Order })
            .ToListAsync(ct))
            .ToLookup(t => t.TechniqueId);
        return rows.ToDictionary(
            r => r.Id,
            r => new TechniqueExport(r.Id, r.Name, r.Description, tactics[r.Id].OrderBy(t => t.Order).Select(t => t.Name).ToList(), released),
            StringComparer.Ordinal);
    }

    private sealed class IndicatorCounter
    {
        public long Count { get; set; }
    }
}
