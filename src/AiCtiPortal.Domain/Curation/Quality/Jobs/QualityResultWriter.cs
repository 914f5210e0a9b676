using System.Data.Common;
using AiCtiPortal.Domain.Curation.Quality.Storage;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// Stores a batch of results in one transaction with plain parameterised SQL: the nightly re-check writes up to a
/// million of them, which EF's change tracker would make minutes slower. Each item gets one upsert of its
/// QualityAssessments row and, only when its columns changed, one UPDATE; both are conditional on the item still
/// having the ConcurrencyStamp it was read with, so an item changed or deleted meanwhile is skipped, never
/// half-written. PostgreSQL receives each batch in one round trip (DbBatch); SQLite reuses prepared statements.
/// </summary>
public static class QualityResultWriter
{
    public readonly record struct Written(int Stored, int Skipped);

    /// <summary>64 MiB for this connection (negative = KiB).</summary>
    private const string SqliteCachePragma = "PRAGMA cache_size = -65536;";

    public static async Task<Written> WriteAsync(PortalDbContext db, IReadOnlyList<QualityResult> results, DateTime assessedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return new Written(0, 0);
        }

        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (sqlite)
            {
                // SQLite's default 2 MB page cache re-reads the catalogue's index pages for every row of a large batch.
                await db.Database.ExecuteSqlRawAsync(SqliteCachePragma, ct);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            var written = connection.CanCreateBatch && !sqlite
                ? await WriteBatchedAsync(connection, dbTransaction, results, assessedAt, ct)
                : await WritePreparedAsync(connection, dbTransaction, results, assessedAt, sqlite, ct);
            await transaction.CommitAsync(ct);
            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<Written> WritePreparedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<QualityResult> results, DateTime at, bool sqlite, CancellationToken ct)
    {
        await using var upsertReport = Command(connection, transaction, UpsertSql("Reports"));
        await using var upsertIndicator = Command(connection, transaction, UpsertSql("Indicators"));
        await using var updateReport = Command(connection, transaction, ReportUpdateSql);
        await using var updateIndicator = Command(connection, transaction, IndicatorUpdateSql);
        var stored = 0;
        foreach (var result in results)
        {
            var isReport = result.Kind == QualityItemKind.Report;
            var upsert = isReport ? upsertReport : upsertIndicator;
            FillUpsert(upsert, result, at, sqlite);
            if (await upsert.ExecuteNonQueryAsync(ct) == 0)
            {
                continue;
            }

            stored++;
            if (result.UpdateItem)
            {
                var update = isReport ? updateReport : updateIndicator;
                FillUpdate(update, result, sqlite);
                await update.ExecuteNonQueryAsync(ct);
            }
        }

        return new Written(stored, results.Count - stored);
    }

    private static async Task<Written> WriteBatchedAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<QualityResult> results, DateTime at, CancellationToken ct)
    {
        // Upserts first, then the updates of the items whose upsert found them unchanged: two round trips a batch.
        await using var upserts = connection.CreateBatch();
        upserts.Transaction = transaction;
        foreach (var result in results)
        {
            var command = upserts.CreateBatchCommand();
            command.CommandText = UpsertSql(result.Kind == QualityItemKind.Report ? "Reports" : "Indicators");
            FillUpsert(command.Parameters, () => command.CreateParameter(), result, at, sqlite: false);
            upserts.BatchCommands.Add(command);
        }

        await upserts.ExecuteNonQueryAsync(ct);
        var stored = 0;
        await using var updates = connection.CreateBatch();
        updates.Transaction = transaction;
        for (var i = 0; i < results.Count; i++)
        {
            if (upserts.BatchCommands[i].RecordsAffected == 0)
            {
                continue;
            }

            stored++;
            var result = results[i];
            if (result.UpdateItem)
            {
                var command = updates.CreateBatchCommand();
                command.CommandText = result.Kind == QualityItemKind.Report ? ReportUpdateSql : IndicatorUpdateSql;
                FillUpdate(command.Parameters, () => command.CreateParameter(), result, sqlite: false);
                updates.BatchCommands.Add(command);
            }
        }

        if (updates.BatchCommands.Count > 0)
        {
            await updates.ExecuteNonQueryAsync(ct);
        }

        return new Written(stored, results.Count - stored);
    }

    // INSERT ... SELECT ... WHERE EXISTS: the row is written only while the item still has the stamp that was read.
    private static string UpsertSql(string table) => $"""
        INSERT INTO "QualityAssessments" ("ItemKind", "ItemId", "Score", "Findings", "RulesVersion", "AssessedAt")
        SELECT @kind, @id, @score, @findings, @rules, @at
        WHERE EXISTS (SELECT 1 FROM "{table}" WHERE "Id" = @id AND "ConcurrencyStamp" = @stamp)
        ON CONFLICT ("ItemKind", "ItemId") DO UPDATE SET "Score" = excluded."Score", "Findings" = excluded."Findings",
            "RulesVersion" = excluded."RulesVersion", "AssessedAt" = excluded."AssessedAt"
        """;

    // The stamp is checked but not renewed: a score is not an edit, and must not make an editor's save conflict.
    private const string ReportUpdateSql =
        """UPDATE "Reports" SET "QualityScore" = @score WHERE "Id" = @id AND "ConcurrencyStamp" = @stamp""";

    private const string IndicatorUpdateSql = """
        UPDATE "Indicators" SET "QualityScore" = @score, "Confidence" = @confidence,
            "SubmittedConfidence" = @submitted, "DecayedConfidence" = @decayed
        WHERE "Id" = @id AND "ConcurrencyStamp" = @stamp
        """;

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void FillUpsert(DbCommand command, QualityResult result, DateTime at, bool sqlite) =>
        FillUpsert(command.Parameters, command.CreateParameter, result, at, sqlite);

    private static void FillUpdate(DbCommand command, QualityResult result, bool sqlite) =>
        FillUpdate(command.Parameters, command.CreateParameter, result, sqlite);

    private static void FillUpsert(DbParameterCollection parameters, Func<DbParameter> create, QualityResult result, DateTime at, bool sqlite)
    {
        Set(parameters, create, "kind", result.Kind.ToString());
        Set(parameters, create, "id", Key(result.Id, sqlite));
        Set(parameters, create, "stamp", Key(result.Stamp, sqlite));
        Set(parameters, create, "score", result.Assessment.Score);
        Set(parameters, create, "findings", QualityFindingsJson.Write(result.Assessment.Findings));
        Set(parameters, create, "rules", QualityRules.Version);
        Set(parameters, create, "at", DateTime.SpecifyKind(at, DateTimeKind.Utc));
    }

    private static void FillUpdate(DbParameterCollection parameters, Func<DbParameter> create, QualityResult result, bool sqlite)
    {
        Set(parameters, create, "id", Key(result.Id, sqlite));
        Set(parameters, create, "stamp", Key(result.Stamp, sqlite));
        Set(parameters, create, "score", result.Assessment.Score);
        if (result.Kind == QualityItemKind.Indicator)
        {
            var confidence = result.Confidence
                ?? throw new InvalidOperationException($"Indicator {result.Id}'s result carries no confidence columns.");
            Set(parameters, create, "confidence", confidence.Confidence);
            Set(parameters, create, "submitted", (object?)confidence.SubmittedConfidence ?? DBNull.Value);
            Set(parameters, create, "decayed", (object?)confidence.DecayedConfidence ?? DBNull.Value);
        }
    }

    /// <summary>EF stores GUIDs in SQLite as upper-case text; Microsoft.Data.Sqlite would bind a Guid as a blob.</summary>
    private static object Key(Guid id, bool sqlite) => sqlite ? id.ToString().ToUpperInvariant() : id;

    private static void Set(DbParameterCollection parameters, Func<DbParameter> create, string name, object value)
    {
        var index = parameters.IndexOf(name);
        if (index >= 0)
        {
            parameters[index].Value = value;
            return;
        }

        var parameter = create();
        parameter.ParameterName = name;
        parameter.Value = value;
        parameters.Add(parameter);
    }
}
