using System.Data.Common;
using System.Globalization;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// Positional values for a hand-written catalogue query, converted to the form each provider stores: SQLite keeps
/// GUIDs as upper-case text and timestamps as "yyyy-MM-dd HH:mm:ss.FFFFFFF" text (EF's format), so a parameter
/// must be the same text for comparisons and index seeks to work.
/// </summary>
internal sealed class SqlParameters(bool sqlite)
{
    private readonly List<object> _values = [];

    public bool IsSqlite => sqlite;

    /// <summary>Adds a value and returns its placeholder.</summary>
    public string Add(object value)
    {
        _values.Add(value switch
        {
            DateTime at when sqlite => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            Guid id when sqlite => id.ToString().ToUpperInvariant(),
            Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
            _ => value,
        });
        return $"@p{_values.Count - 1}";
    }

    public string List<T>(IEnumerable<T> values) where T : notnull => string.Join(", ", values.Select(v => Add(v)));

    public void Bind(DbCommand command)
    {
        for (var i = 0; i < _values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = _values[i];
            command.Parameters.Add(parameter);
        }
    }
}
