using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Quality.Storage;

/// <summary>Reads stored assessments for pages. Callers have already checked that the viewer may see the item.</summary>
public static class QualityAssessmentQueries
{
    public static async Task<StoredQualityView> ForItemAsync(PortalDbContext db, QualityItemKind kind, Guid itemId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.QualityAssessments.AsNoTracking()
            .Where(a => a.ItemKind == kind && a.ItemId == itemId)
            .Select(a => new { a.Score, a.Findings, a.AssessedAt, a.RulesVersion })
            .FirstOrDefaultAsync(ct);
        return row is null
            ? StoredQualityView.NotAssessed
            : new StoredQualityView(row.Score, QualityFindingsJson.Read(row.Findings), row.AssessedAt, row.RulesVersion);
    }

    /// <summary>The stored assessments of a page of items (a review queue page), keyed by item id.</summary>
    public static async Task<Dictionary<Guid, StoredQualityView>> ForItemsAsync(
        PortalDbContext db, QualityItemKind kind, IReadOnlyCollection<Guid> itemIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(itemIds);
        var ids = itemIds.ToList();
        var rows = await db.QualityAssessments.AsNoTracking()
            .Where(a => a.ItemKind == kind && ids.Contains(a.ItemId))
            .Select(a => new { a.ItemId, a.Score, a.Findings, a.AssessedAt, a.RulesVersion })
            .ToListAsync(ct);
        return rows.ToDictionary(
            r => r.ItemId, r => new StoredQualityView(r.Score, QualityFindingsJson.Read(r.Findings), r.AssessedAt, r.RulesVersion));
    }
}
