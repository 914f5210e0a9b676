using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Sightings;

/// <summary>
/// Records sightings of published indicators. The row, its audit entry and the indicator's totals change in one
/// transaction, and the totals are updated in SQL (count + n), so concurrent reporters never lose each other's hits
/// and never trip the indicator's concurrency stamp, which guards editors, not counters.
/// </summary>
public sealed class SightingService(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public const string AuditAction = "Sighting";
    public const string AuditEntity = "Indicator";

    public async Task<SightingOutcome> RecordAsync(SightingRequest request, SightingReporter reporter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reporter);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = SightingRules.Validate(request, now);
        if (errors.Count > 0)
        {
            throw new WorkflowRuleException(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await FindIndicatorAsync(db, request, reporter, ct) is not { } indicatorId)
        {
            return SightingOutcome.NotFound;
        }

        if (request.ClientId is { } clientId && await ReplayAsync(db, reporter, clientId, indicatorId, ct) is { } replayed)
        {
            return replayed;
        }

        try
        {
            return await InsertAsync(db, request, reporter, indicatorId, now, ct);
        }
        catch (DbUpdateException) when (request.ClientId is not null)
        {
            // Two retries raced on the same client id and the other won the unique index: answer as its replay.
            await using var fresh = await contexts.CreateDbContextAsync(ct);
            return await ReplayAsync(fresh, reporter, request.ClientId, indicatorId, ct) ?? throw new InvalidOperationException(
                "The sighting could not be saved, and no sighting with its id exists.");
        }
    }

    /// <summary>Published indicators the reporter may read: up to their clearance, or their own.</summary>
    public static IQueryable<Indicator> Reportable(PortalDbContext db, SightingReporter reporter)
    {
        var ceiling = reporter.Clearance;
        var userId = reporter.UserId;
        var published = db.Indicators.Where(i => i.Status == ContentStatus.Published);
        return userId is null
            ? published.Where(i => i.Tlp <= ceiling)
            : published.Where(i => i.Tlp <= ceiling || i.CreatedById == userId);
    }

    private static async Task<Guid?> FindIndicatorAsync(PortalDbContext db, SightingRequest request, SightingReporter reporter, CancellationToken ct)
    {
        var candidates = Reportable(db, reporter).AsNoTracking();
        if (request.IndicatorId is { } id)
        {
            return await candidates.Where(i => i.Id == id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        }

        var type = request.Type!.Value;
        var normalized = IndicatorCatalogue.Validate(type, request.Value).NormalizedValue!;
        var hash = IndicatorCatalogue.ValueHash(type, normalized);

        // Duplicates may be published twice (merges keep both rows); the oldest is the one the catalogue cites first.
        return await candidates.Where(i => i.Type == type && i.ValueHash == hash)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => (Guid?)i.Id)
            .FirstOrDefaultAsync(ct);
    }

    private static async Task<SightingOutcome?> ReplayAsync(
        PortalDbContext db, SightingReporter reporter, string clientId, Guid indicatorId, CancellationToken ct)
    {
        var key = reporter.Key;
        var earlier = await db.Sightings.AsNoTracking()
            .Where(s => s.ReporterKey == key && s.ClientId == clientId)
            .Select(s => new { s.Id, s.IndicatorId })
            .FirstOrDefaultAsync(ct);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.IndicatorId != indicatorId)
        {
            throw new SightingConflictException(
                $"The id \"{clientId}\" was already used for a sighting of another indicator; send a new id for a new sighting.");
        }

        return await OutcomeAsync(db, SightingStatus.Replayed, earlier.Id, indicatorId, ct);
    }

    private static async Task<SightingOutcome> InsertAsync(
        PortalDbContext db, SightingRequest request, SightingReporter reporter, Guid indicatorId, DateTime now, CancellationToken ct)
    {
        var sighting = new Sighting
        {
            IndicatorId = indicatorId,
            SeenAt = request.SeenAt ?? now,
            Count = request.Count ?? 1,
            Source = string.IsNullOrWhiteSpace(request.Source) ? null : request.Source.Trim(),
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            ReporterKey = reporter.Key,
            TokenId = reporter.TokenId,
            ClientId = request.ClientId,
            RecordedAt = now,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Sightings.Add(sighting);
        db.AuditEntries.Add(Audit(sighting, reporter));
        await db.SaveChangesAsync(ct);

        var seenAt = sighting.SeenAt;
        var count = sighting.Count;
        await db.Indicators.Where(i => i.Id == indicatorId).ExecuteUpdateAsync(set => set
            .SetProperty(i => i.SightingCount, i => i.SightingCount + count)
            .SetProperty(i => i.FirstSeen, i => i.FirstSeen == null || i.FirstSeen > seenAt ? seenAt : i.FirstSeen)
            .SetProperty(i => i.LastSeen, i => i.LastSeen == null || i.LastSeen < seenAt ? seenAt : i.LastSeen), ct);
        await transaction.CommitAsync(ct);
        return await OutcomeAsync(db, SightingStatus.Recorded, sighting.Id, indicatorId, ct);
    }

    private static async Task<SightingOutcome> OutcomeAsync(
        PortalDbContext db, SightingStatus status, Guid sightingId, Guid indicatorId, CancellationToken ct)
    {
        var totals = await db.Indicators.AsNoTracking().Where(i => i.Id == indicatorId)
            .Select(i => new { i.SightingCount, i.FirstSeen, i.LastSeen })
            .SingleAsync(ct);
        return new SightingOutcome(status, sightingId, indicatorId, totals.SightingCount, totals.FirstSeen, totals.LastSeen);
    }

    private static AuditEntry Audit(Sighting sighting, SightingReporter reporter) => new()
    {
        EntityType = AuditEntity,
        EntityId = sighting.IndicatorId.ToString(),
        Action = AuditAction,
        ActorId = reporter.ActorId,
        At = sighting.RecordedAt,
        AfterJson = System.Text.Json.JsonSerializer.Serialize(new
        {
            sightingId = sighting.Id, seenAt = sighting.SeenAt, count = sighting.Count, source = sighting.Source,
            tokenId = sighting.TokenId, clientId = sighting.ClientId,
        }),
    };
}
