using AiCtiPortal.Domain.Data;
using AiCtiPortal.Engine.Similarity;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Finds stored signatures close to a query signature: the query's band keys are looked up in SimilarityBands (the
/// primary key's index), a bounded number of items per key is read, and only those candidates' signatures are
/// loaded and compared. A key shared by more than <c>perKeyLimit</c> items marks a value so common that the caller
/// reports it as one summary (the over-correlation guard), so no lookup ever reads a hot bucket whole.
/// </summary>
internal static class StoredSignatureQuery
{
    public sealed record Result(IReadOnlyList<(Guid ItemId, double Jaccard, int ElementCount)> Matches, bool Saturated);

    public static async Task<Result> QueryAsync(
        PortalDbContext db, SimilaritySetKind kind, MinHashSignature signature, double minJaccard, int perKeyLimit, CancellationToken ct)
    {
        var keys = SimilarityBandKeys.Of(kind, signature).Distinct().ToArray();
        if (keys.Length == 0)
        {
            return new Result([], false);
        }

        // One statement, one bounded sub-select per band key (SQLite and PostgreSQL both index-seek each one).
        var selects = keys.Select((_, i) =>
            $"SELECT * FROM (SELECT \"BandKey\", \"ItemId\" FROM \"SimilarityBands\" WHERE \"BandKey\" = {{{i}}} LIMIT {perKeyLimit + 1}) AS b{i}");
        var rows = await db.SimilarityBands.FromSqlRaw(string.Join(" UNION ALL ", selects), keys.Cast<object>().ToArray())
            .AsNoTracking().ToListAsync(ct);
        var saturated = rows.GroupBy(r => r.BandKey).Any(g => g.Count() > perKeyLimit);
        var candidates = rows.Select(r => r.ItemId).Distinct().ToList();
        var matches = new List<(Guid, double, int)>();
        foreach (var chunk in candidates.Chunk(500))
        {
            var stored = await db.SimilaritySignatures.AsNoTracking()
                .Where(s => s.Kind == kind && chunk.Contains(s.ItemId))
                .Select(s => new { s.ItemId, s.Values, s.ElementCount })
                .ToListAsync(ct);
            foreach (var row in stored)
            {
                if (SimilarityBandKeys.Unpack(row.Values) is { } other && signature.EstimateJaccard(other) is var jaccard && jaccard >= minJaccard)
                {
                    matches.Add((row.ItemId, jaccard, row.ElementCount));
                }
            }
        }

        return new Result(matches.OrderByDescending(m => m.Item2).ThenBy(m => m.Item1).ToList(), saturated);
    }
}
