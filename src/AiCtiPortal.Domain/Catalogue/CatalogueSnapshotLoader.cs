using System.Data;
using System.Data.Common;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// Reads a <see cref="CatalogueSnapshot"/> in one read-only transaction, so the revision and every column describe
/// the same moment: a change committed during the read raises the revision past the one recorded and the next search
/// builds again. At 100,000 reports and 1,000,000 indicators this reads about 2.5 million narrow rows (a few seconds).
/// </summary>
internal sealed class CatalogueSnapshotLoader(IDbContextFactory<PortalDbContext> contexts)
{
    private const string Published = $"'{nameof(ContentStatus.Published)}'";
    private static readonly Dictionary<string, IndicatorType> TypesByName =
        Enum.GetValues<IndicatorType>().ToDictionary(t => t.ToString(), StringComparer.Ordinal);

    public async Task<CatalogueSnapshot> LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.IsSqlite();

        // SQLite: a deferred transaction is a read snapshot (WAL) that takes no write lock; EF's default would be
        // BEGIN IMMEDIATE and block writers for the whole read. PostgreSQL: one REPEATABLE READ snapshot.
        await using var transaction = connection is SqliteConnection lite
            ? lite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var read = new Reader(connection, transaction, ct);

        var revision = Convert.ToInt64(await read.ScalarAsync(CatalogueRevisionSchema.CurrentSql), System.Globalization.CultureInfo.InvariantCulture);
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        int User(string id)
        {
            if (!users.TryGetValue(id, out var index))
            {
                users[id] = index = users.Count;
            }

            return index;
        }

        var reports = await ReadReportsAsync(read, User);
        var indicators = await ReadIndicatorsAsync(read, User);
        var links = await ReadLinksAsync(read, reports.ById, indicators.ById);
        var techniques = await ReadTechniquesAsync(read, reports.ById);
        var techniqueNames = new Dictionary<string, string>(StringComparer.Ordinal);
        await read.EachAsync("""SELECT "Id", "Name" FROM "AtlasTechniques" """, row => techniqueNames[row.GetString(0)] = row.GetString(1));
        var (reportKeys, indicatorKeys) = sqlite
            ? await ReadKeysAsync(read, reports.ById, indicators.ById)
            : ([], []);
        await transaction.CommitAsync(ct);

        var reportColumns = new ReportColumns
        {
            Ids = reports.Ids, Phases = reports.Phases, Tlps = reports.Tlps, Confidences = reports.Confidences,
            PublishedTicks = reports.Ticks, Scores = reports.Scores, TypeMasks = reports.Masks, Authors = reports.Authors,
            TechniqueStarts = techniques.Starts, Techniques = techniques.Values, TechniqueIds = techniques.Ids,
            PositionById = reports.ById, PositionByKey = reportKeys, Orders = ReportOrders(reports),
        };
        var indicatorColumns = new IndicatorColumns
        {
            Ids = indicators.Ids, Types = indicators.Types, Tlps = indicators.Tlps, Confidences = indicators.Confidences,
            Creators = indicators.Creators, PositionById = indicators.ById, PositionByKey = indicatorKeys,
            ReportStarts = links.Starts, Reports = links.Values, Groups = GroupsOf(indicators.Types, indicators.Tlps),
            Orders = IndicatorOrders(indicators),
        };
        return new CatalogueSnapshot(revision, reportColumns, indicatorColumns, users, techniqueNames);
    }

    private CatalogueOrders<CatalogueSort> ReportOrders(ReportRows reports) => new(sort => sort switch
    {
        CatalogueSort.Score => Task.Run(() => CatalogueOrder.ByDescending(reports.Scores)),
        CatalogueSort.Confidence => Task.Run(() => CatalogueOrder.ByDescending(reports.Confidences)),
        // Titles sort by the database's collation, exactly as the SQL ORDER BY did.
        CatalogueSort.Title => IdOrderAsync($"""SELECT "Id" FROM "Reports" WHERE "Status" = {Published} ORDER BY "Title", "Id" """, reports.ById),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Newest and oldest are walks of the positions."),
    });

    private CatalogueOrders<IndicatorCatalogueSort> IndicatorOrders(IndicatorRows indicators) => new(sort => sort switch
    {
        IndicatorCatalogueSort.Confidence => Task.Run(() => CatalogueOrder.ByDescending(indicators.Confidences)),
        IndicatorCatalogueSort.Value => IdOrderAsync($"""SELECT "Id" FROM "Indicators" WHERE "Status" = {Published} ORDER BY "NormalizedValue", "Id" """, indicators.ById),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Newest and oldest are walks of the positions."),
    });

    private async Task<int[]> IdOrderAsync(string sql, Dictionary<Guid, int> positionById)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var ids = new List<Guid>(positionById.Count);
        await new Reader(db.Database.GetDbConnection(), null, CancellationToken.None).EachAsync(sql, r => ids.Add(r.GetGuid(0)));
        return CatalogueOrder.FromIds(ids, positionById);
    }

    private sealed class ReportRows
    {
        public Guid[] Ids = [];
        public int[] Phases = [];
        public byte[] Tlps = [];
        public byte[] Confidences = [];
        public long[] Ticks = [];
        public double[] Scores = [];
        public long[] Masks = [];
        public int[] Authors = [];
        public Dictionary<Guid, int> ById = [];
    }

    private static async Task<ReportRows> ReadReportsAsync(Reader read, Func<string, int> user)
    {
        var (ids, phases, tlps, confidences, ticks, scores, masks, authors) =
            (new List<Guid>(), new List<int>(), new List<byte>(), new List<byte>(), new List<long>(), new List<double>(), new List<long>(), new List<int>());
        await read.EachAsync(
            $"""
            SELECT "Id", "Phases", "Tlp", "Confidence", "PublishedAt", "CatalogueScore", COALESCE("IndicatorTypeMask", 0), "AuthorId"
            FROM "Reports" WHERE "Status" = {Published} ORDER BY "PublishedAt" DESC, "Id" DESC
            """,
            r =>
            {
                ids.Add(r.GetGuid(0));
                phases.Add(r.GetInt32(1));
                tlps.Add((byte)r.GetInt32(2));
                confidences.Add((byte)Math.Clamp(r.GetInt32(3), 0, 100));
                ticks.Add(r.IsDBNull(4) ? 0 : r.GetDateTime(4).Ticks);
                scores.Add(r.IsDBNull(5) ? double.NaN : r.GetDouble(5));
                masks.Add(r.GetInt64(6));
                authors.Add(user(r.GetString(7)));
            });
        return new ReportRows
        {
            Ids = [.. ids], Phases = [.. phases], Tlps = [.. tlps], Confidences = [.. confidences], Ticks = [.. ticks],
            Scores = [.. scores], Masks = [.. masks], Authors = [.. authors], ById = PositionsOf(ids),
        };
    }

    private sealed class IndicatorRows
    {
        public Guid[] Ids = [];
        public IndicatorType[] Types = [];
        public byte[] Tlps = [];
        public byte[] Confidences = [];
        public int[] Creators = [];
        public Dictionary<Guid, int> ById = [];
    }

    private static async Task<IndicatorRows> ReadIndicatorsAsync(Reader read, Func<string, int> user)
    {
        var (ids, types, tlps, confidences, creators) = (new List<Guid>(), new List<IndicatorType>(), new List<byte>(), new List<byte>(), new List<int>());
        await read.EachAsync(
            $"""
            SELECT "Id", "Type", "Tlp", "Confidence", "CreatedById"
            FROM "Indicators" WHERE "Status" = {Published} ORDER BY "UpdatedAt" DESC, "Id" DESC
            """,
            r =>
            {
                // Columns in order: the reader is sequential. A type this build does not know (written by a newer
                // portal) is left out of the catalogue.
                var id = r.GetGuid(0);
                if (!TypesByName.TryGetValue(r.GetString(1), out var type))
                {
                    return;
                }

                ids.Add(id);
                types.Add(type);
                tlps.Add((byte)r.GetInt32(2));
                confidences.Add((byte)Math.Clamp(r.GetInt32(3), 0, 100));
                creators.Add(user(r.GetString(4)));
            });
        return new IndicatorRows
        {
            Ids = [.. ids], Types = [.. types], Tlps = [.. tlps], Confidences = [.. confidences], Creators = [.. creators],
            ById = PositionsOf(ids),
        };
    }

    private static async Task<(int[] Starts, int[] Values)> ReadLinksAsync(
        Reader read, Dictionary<Guid, int> reports, Dictionary<Guid, int> indicators)
    {
        var pairs = new List<(int Indicator, int Report)>();
        await read.EachAsync("""SELECT "IndicatorId", "ReportId" FROM "ReportIndicators" """, r =>
        {
            if (indicators.TryGetValue(r.GetGuid(0), out var indicator) && reports.TryGetValue(r.GetGuid(1), out var report))
            {
                pairs.Add((indicator, report));
            }
        });
        return Grouped(pairs, indicators.Count);
    }

    private static async Task<(int[] Starts, short[] Values, string[] Ids)> ReadTechniquesAsync(Reader read, Dictionary<Guid, int> reports)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new List<(int Report, int Technique)>();
        await read.EachAsync(
            $"""SELECT t."ReportId", t."TechniqueId" FROM "ReportTechniques" t JOIN "Reports" r ON r."Id" = t."ReportId" WHERE r."Status" = {Published}""",
            r =>
            {
                if (!reports.TryGetValue(r.GetGuid(0), out var report))
                {
                    return;
                }

                var id = r.GetString(1);
                if (!ids.TryGetValue(id, out var technique))
                {
                    ids[id] = technique = ids.Count;
                }

                pairs.Add((report, technique));
            });
        if (ids.Count > short.MaxValue)
        {
            throw new InvalidOperationException($"The catalogue maps {ids.Count} distinct techniques; at most {short.MaxValue} fit.");
        }

        var (starts, values) = Grouped(pairs, reports.Count);
        return (starts, values.Select(v => (short)v).ToArray(), [.. ids.OrderBy(p => p.Value).Select(p => p.Key)]);
    }

    /// <summary>SQLite only: the full-text tables return their integer keys, which map to positions here.</summary>
    private static async Task<(int[] Reports, int[] Indicators)> ReadKeysAsync(
        Reader read, Dictionary<Guid, int> reports, Dictionary<Guid, int> indicators)
    {
        var keys = new List<(long Key, Guid Id)>();
        await read.EachAsync($"""SELECT "Key", "ItemId" FROM "{CatalogueSearchSchema.SqliteKeys}" """, r => keys.Add((r.GetInt64(0), r.GetGuid(1))));
        var size = keys.Count == 0 ? 0 : (int)Math.Min(keys.Max(k => k.Key) + 1, int.MaxValue);
        var (reportKeys, indicatorKeys) = (new int[size], new int[size]);
        Array.Fill(reportKeys, -1);
        Array.Fill(indicatorKeys, -1);
        foreach (var (key, id) in keys)
        {
            if (reports.TryGetValue(id, out var report))
            {
                reportKeys[key] = report;
            }
            else if (indicators.TryGetValue(id, out var indicator))
            {
                indicatorKeys[key] = indicator;
            }
        }

        return (reportKeys, indicatorKeys);
    }

    private static int[,] GroupsOf(IndicatorType[] types, byte[] tlps)
    {
        var groups = new int[Enum.GetValues<IndicatorType>().Max(t => (int)t) + 1, (int)Enum.GetValues<Tlp>().Max() + 1];
        for (var position = 0; position < types.Length; position++)
        {
            groups[(int)types[position], tlps[position]]++;
        }

        return groups;
    }

    private static Dictionary<Guid, int> PositionsOf(List<Guid> ids)
    {
        var positions = new Dictionary<Guid, int>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            positions[ids[i]] = i;
        }

        return positions;
    }

    /// <summary>Compressed rows: the values of owner o are Values[Starts[o]..Starts[o + 1]].</summary>
    private static (int[] Starts, int[] Values) Grouped(List<(int Owner, int Value)> pairs, int owners)
    {
        var starts = new int[owners + 1];
        foreach (var (owner, _) in pairs)
        {
            starts[owner + 1]++;
        }

        for (var i = 1; i < starts.Length; i++)
        {
            starts[i] += starts[i - 1];
        }

        var next = starts[..^1];
        var values = new int[pairs.Count];
        foreach (var (owner, value) in pairs)
        {
            values[next[owner]++] = value;
        }

        return (starts, values);
    }

    private sealed class Reader(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        public async Task<object?> ScalarAsync(string sql)
        {
            await using var command = Command(sql);
            return await command.ExecuteScalarAsync(ct);
        }

        public async Task EachAsync(string sql, Action<DbDataReader> row)
        {
            await using var command = Command(sql);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                row(reader);
            }
        }

        private DbCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            command.CommandTimeout = 300;
            return command;
        }
    }
}
