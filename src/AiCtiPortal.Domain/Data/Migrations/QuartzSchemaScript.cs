using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Quartz's own schema, taken from the scripts Quartz embeds for its job store rather than copied, so the tables
/// always match the Quartz version the portal runs. The scripts only create what is missing (no DROP, no
/// transaction statements), use '{0}'/'{1}' for the table prefix, and separate statements with a line '--;;'.
/// </summary>
internal static partial class QuartzSchemaScript
{
    /// <summary>Quartz's default prefix; PostgreSQL folds the unquoted names to lower case (qrtz_).</summary>
    public const string TablePrefix = "QRTZ_";

    /// <summary>Every Quartz table, parents after children, for the Down migration.</summary>
    public static IReadOnlyList<string> TablesInDropOrder { get; } =
    [
        "JOB_STATUS", "MISFIRE_HISTORY", "EXECUTION_HISTORY", "LOCKS", "SCHEDULER_STATE", "FIRED_TRIGGERS",
        "PAUSED_JOB_GRPS", "PAUSED_TRIGGER_GRPS", "CALENDARS", "BLOB_TRIGGERS", "SIMPROP_TRIGGERS", "CRON_TRIGGERS",
        "SIMPLE_TRIGGERS", "TRIGGERS", "JOB_DETAILS",
    ];

    public static IReadOnlyList<string> Statements(DatabaseProvider provider)
    {
        var resource = provider switch
        {
            DatabaseProvider.Sqlite => "Quartz.Impl.AdoJobStore.Schema.create_sqlite.sql",
            DatabaseProvider.Postgres => "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql",
            _ => throw new InvalidOperationException($"No Quartz schema for provider {provider}."),
        };

        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException(
                $"Quartz.dll has no embedded resource {resource}; the Quartz package changed. Check the script names " +
                "in the new version and update QuartzSchemaScript.");
        using var reader = new StreamReader(stream);
        return Split(reader.ReadToEnd());
    }

    /// <summary>Splits on the '--;;' separator lines, fills in the prefix and drops pieces that are only comments.</summary>
    internal static IReadOnlyList<string> Split(string script) =>
        Separator().Split(script.Replace("\r\n", "\n", StringComparison.Ordinal))
            .Select(piece => piece.Replace("{0}", TablePrefix, StringComparison.Ordinal)
                .Replace("{1}", TablePrefix, StringComparison.Ordinal)
                .Trim())
            .Where(piece => piece.Split('\n').Any(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .ToList();

    [GeneratedRegex(@"^--;;[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Separator();
}
