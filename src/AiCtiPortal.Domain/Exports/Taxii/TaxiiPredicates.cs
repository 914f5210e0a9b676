using System.Linq.Expressions;

namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>Predicates built as expression trees, so both databases evaluate them in the query.</summary>
internal static class TaxiiPredicates
{
    /// <summary>key in [From, To) for any of the windows, as one OR of range comparisons.</summary>
    public static Expression<Func<T, bool>> Within<T>(Expression<Func<T, DateTime>> key, IReadOnlyList<(DateTime From, DateTime To)> windows)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(windows);
        Expression body = Expression.Constant(false);
        foreach (var (from, to) in windows)
        {
            // Parameters rather than constants, so the database sees bound values.
            var range = Expression.AndAlso(
                Expression.GreaterThanOrEqual(key.Body, Boxed(from)),
                Expression.LessThan(key.Body, Boxed(to)));
            body = Expression.OrElse(body, range);
        }

        return Expression.Lambda<Func<T, bool>>(body, key.Parameters);
    }

    private static MemberExpression Boxed(DateTime value) =>
        Expression.Property(Expression.Constant(new Holder(value)), nameof(Holder.Value));

    private sealed record Holder(DateTime Value);
}
