using System.Linq.Expressions;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Stix;
using Microsoft.EntityFrameworkCore.Query;

namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>
/// One keyset query for every kind of row a collection pages through (indicators, reports): the request's filters and
/// the cursor applied to the row's date added and id, ordered by both and cut at limit + 1. Written once over key
/// selectors, so the kinds cannot drift apart. The shape is what lets both databases answer from an index on
/// (Status, date added, Id) by a range scan that stops after the page: an equality on Status (the callers' filter),
/// a leading "date >= cursor" that seeks, and an OR that only settles ties at the cursor's date.
/// </summary>
internal static class TaxiiKeyset
{
    /// <summary>The ordered candidates of <paramref name="type"/> for this page; null when match[id] names none of this type.</summary>
    public static IQueryable<T>? Page<T>(
        IQueryable<T> rows, string type, Expression<Func<T, DateTime>> added, Expression<Func<T, Guid>> id, TaxiiFilter filter)
    {
        if (filter.UuidsOf(type) is { } uuids)
        {
            if (uuids.Count == 0)
            {
                return null;
            }

            rows = rows.Where(On(added, id, (_, key) => uuids.Contains(key)));
        }

        if (filter.AddedFrom is { } from)
        {
            rows = rows.Where(On(added, id, (at, _) => at >= from));
        }

        if (filter.After is { } cursor)
        {
            rows = rows.Where(After(added, id, type, cursor));
        }
        else if (filter.AddedFrom is null)
        {
            // The first page: a bound that filters nothing lets SQLite seek the index (CuratedSetQueries.Earliest).
            var earliest = CuratedSetQueries.Earliest;
            rows = rows.Where(On(added, id, (at, _) => at >= earliest));
        }

        if (VersionWindows(filter) is { } windows)
        {
            rows = rows.Where(TaxiiPredicates.Within(added, windows));
        }

        return rows.OrderBy(added).ThenBy(id).Take(filter.Limit + 1);
    }

    /// <summary>
    /// Keyset after the cursor: later dates, or the same date and a later id. When the cursor is another type's object,
    /// the order of the type names decides whether this type's objects at that very date come before or after it.
    /// </summary>
    private static Expression<Func<T, bool>> After<T>(
        Expression<Func<T, DateTime>> added, Expression<Func<T, Guid>> id, string type, TaxiiCursor cursor)
    {
        var at = cursor.DateAdded;
        var byType = string.CompareOrdinal(cursor.Type, type);
        if (byType != 0)
        {
            return byType < 0 ? On(added, id, (date, _) => date >= at) : On(added, id, (date, _) => date > at);
        }

        var after = cursor.Uuid;
        return On(added, id, (date, key) => date >= at && (date > at || key.CompareTo(after) > 0));
    }

    /// <summary>
    /// match[version] timestamps as ranges of the stored date (a version is that time to the millisecond), so the
    /// database filters before the page is cut; null when no timestamp narrows the match.
    /// </summary>
    private static List<(DateTime From, DateTime To)>? VersionWindows(TaxiiFilter filter) =>
        filter.Versions.AnyKeyword || filter.Versions.Timestamps.Count == 0
            ? null
            : filter.Versions.Timestamps
                .Select(t => StixTimestamps.ToMilliseconds(t))
                .Distinct()
                .Select(t => (From: t, To: t.AddTicks(TimeSpan.TicksPerMillisecond)))
                .ToList();

    /// <summary>A predicate over (date added, id) applied to a row through its key selectors.</summary>
    private static Expression<Func<T, bool>> On<T>(
        Expression<Func<T, DateTime>> added, Expression<Func<T, Guid>> id, Expression<Func<DateTime, Guid, bool>> predicate)
    {
        var row = added.Parameters[0];
        var key = ReplacingExpressionVisitor.Replace(id.Parameters[0], row, id.Body);
        var body = ReplacingExpressionVisitor.Replace(predicate.Parameters[0], added.Body, predicate.Body);
        body = ReplacingExpressionVisitor.Replace(predicate.Parameters[1], key, body);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }
}
