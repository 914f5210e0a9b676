using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.Components.Pages.Admin;

/// <summary>What a curator narrows the audit trail by; every part is optional.</summary>
/// <param name="Action">An exact action ("Review.Approve") or a group before the dot ("Review").</param>
/// <param name="Actor">Part of the actor's email or display name.</param>
/// <param name="EntityId">Part of the item's id.</param>
/// <param name="From">First UTC day included.</param>
/// <param name="To">Last UTC day included.</param>
public sealed record AuditFilter(string? Action, string? Actor, string? EntityId, DateTime? From, DateTime? To);

/// <summary>One audit entry with its actor's account, which is null when the account no longer exists.</summary>
public sealed class AuditRow
{
    public AuditEntry Entry { get; init; } = new();
    public string? DisplayName { get; init; }
    public string? Email { get; init; }
}

/// <summary>Pages through the audit trail, newest first, with the actor joined in the same query.</summary>
public static class AuditTrailQuery
{
    /// <summary>The entity type the report workflow writes; such entries link to the report.</summary>
    public const string ReportEntity = "Report";

    public static async Task<(List<AuditRow> Rows, int Count)> PageAsync(
        PortalDbContext db, AuditFilter filter, int skip, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);

        // A left join, because ActorId is not a foreign key and the trail outlives deleted accounts.
        var rows =
            from entry in db.AuditEntries.AsNoTracking()
            join user in db.Users on entry.ActorId equals user.Id into actors
            from actor in actors.DefaultIfEmpty()
            select new { entry, actor };

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            var group = action + ".";
            rows = rows.Where(r => r.entry.Action == action || r.entry.Action.StartsWith(group));
        }

        // EF translates ToLower() on both providers; Contains with a StringComparison it does not.
#pragma warning disable CA1862
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var term = filter.Actor.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.actor != null
                && (r.actor.Email!.ToLower().Contains(term) || r.actor.DisplayName.ToLower().Contains(term)));
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            var term = filter.EntityId.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.entry.EntityId.ToLower().Contains(term));
        }
#pragma warning restore CA1862

        if (filter.From is { } from)
        {
            var start = DateTime.SpecifyKind(from.Date, DateTimeKind.Utc);
            rows = rows.Where(r => r.entry.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = DateTime.SpecifyKind(to.Date.AddDays(1), DateTimeKind.Utc);
            rows = rows.Where(r => r.entry.At < end);
        }

        var count = await rows.CountAsync(ct);
        var page = await rows
            .OrderByDescending(r => r.entry.At).ThenByDescending(r => r.entry.Id)
            .Skip(skip).Take(take)
            .Select(r => new AuditRow
            {
                Entry = r.entry,
                DisplayName = r.actor == null ? null : r.actor.DisplayName,
                Email = r.actor == null ? null : r.actor.Email,
            })
            .ToListAsync(ct);
        return (page, count);
    }

    /// <summary>The recorded actions plus their groups ("Review" for "Review.Approve"), for the action filter.</summary>
    public static async Task<List<string>> ActionsAsync(PortalDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var actions = await db.AuditEntries.Select(a => a.Action).Distinct().ToListAsync(ct);
        return actions
            .Concat(actions.Where(a => a.Contains('.', StringComparison.Ordinal)).Select(a => a[..a.IndexOf('.', StringComparison.Ordinal)]))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
