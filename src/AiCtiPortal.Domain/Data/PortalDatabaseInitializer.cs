using AiCtiPortal.Domain.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Data;

/// <summary>
/// Brings the database to the current schema (the portal's tables and Quartz's), ensures the roles exist and, when
/// asked (Development), seeds the demo data once. Every failure surfaces as a <see cref="DatabaseStartupException"/>.
/// </summary>
public sealed class PortalDatabaseInitializer(
    IDbContextFactory<PortalDbContext> contextFactory,
    PortalDatabaseSettings settings,
    DemoDataSeeder demoData,
    ILogger<PortalDatabaseInitializer> logger)
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    public Task InitializeAsync(bool seedDemoData, CancellationToken ct) =>
        InitializeAsync(seedDemoData, applyMigrations: true, ct);

    /// <param name="applyMigrations">
    /// False where migrations are a deliberate operator step (production): pending migrations then stop the start
    /// with a message naming the command that applies them, rather than changing the schema behind anyone's back.
    /// </param>
    public async Task InitializeAsync(bool seedDemoData, bool applyMigrations, CancellationToken ct)
    {
        PrepareFolders();
        await using var context = await contextFactory.CreateDbContextAsync(ct);
        await RunStageAsync("connecting", () => EnsureDatabaseExistsAsync(context, ct));
        await MigrateAsync(context, applyMigrations, ct);
        await RunStageAsync("creating the roles", () => PortalRoleSeeder.EnsureRolesAsync(context, ct));
        if (seedDemoData)
        {
            await RunStageAsync("seeding the demo data", async () =>
            {
                if (await demoData.SeedAsync(context, ct))
                {
                    logger.LogInformation("Seeded the demo accounts and data into {Database}", settings.Describe());
                }
            });
        }
    }

    private void PrepareFolders()
    {
        try
        {
            Directory.CreateDirectory(settings.DataFolder);
            if (settings.SqliteFilePath is { } file && Path.GetDirectoryName(file) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseStartupException(
                $"The data folder {settings.DataFolder} cannot be created: {ex.Message}. Set Database:DataFolder to a " +
                "folder the portal's account may write.", ex);
        }

        // Checked before SQLite touches the file, so a damaged file is reported and left exactly as it was.
        if (settings.SqliteFilePath is { } path && File.Exists(path) && !HasSqliteHeader(path))
        {
            throw new DatabaseStartupException(
                $"The SQLite file {path} is not a database (it may be damaged, or another kind of file). Move it " +
                "aside or restore a backup; with no file there, the portal creates a new, empty database.");
        }
    }

    private async Task EnsureDatabaseExistsAsync(PortalDbContext context, CancellationToken ct)
    {
        // Creating the database first (rather than leaving it to Migrate) separates "cannot connect" from
        // "a migration failed" in the messages.
        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            logger.LogInformation("Creating database {Database}", settings.Describe());
            await creator.CreateAsync(ct);
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the portal read while the Quartz store writes; the mode is stored in the file, so once is enough.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }
    }

    /// <summary>
    /// One migration at a time, each in its own transaction (EF's default on both providers), so a failure names the
    /// migration and leaves the database at the last one that succeeded rather than half-way through one.
    /// </summary>
    private async Task MigrateAsync(PortalDbContext context, bool applyMigrations, CancellationToken ct)
    {
        var (pending, applied) = await RunStageAsync("reading the migration history", async () =>
            ((await context.Database.GetPendingMigrationsAsync(ct)).ToList(),
                (await context.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault()));
        if (!applyMigrations && pending.Count > 0)
        {
            throw new DatabaseStartupException(
                $"The database {settings.Describe()} is at {applied ?? "no migration (empty)"}; this version needs " +
                $"{pending.Count} more ({string.Join(", ", pending)}). Apply them deliberately with " +
                "'dotnet AiCtiPortal.Web.dll migrate', or set Database:MigrateOnStartup=true.");
        }

        var migrator = context.GetService<IMigrator>();
        foreach (var migration in pending)
        {
            try
            {
                logger.LogInformation("Applying migration {Migration} to {Database}", migration, settings.Describe());
                await migrator.MigrateAsync(migration, ct);
                applied = migration;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var inner = DatabaseStartupErrors.Translate(ex, settings, $"applying migration {migration}");
                throw new DatabaseStartupException(
                    $"Migration {migration} failed and was rolled back; the database stays at " +
                    $"{applied ?? "no migration (empty)"}. {inner.Message}", ex);
            }
        }
    }

    private async Task RunStageAsync(string stage, Func<Task> action) =>
        await RunStageAsync(stage, async () =>
        {
            await action();
            return true;
        });

    private async Task<T> RunStageAsync<T>(string stage, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DatabaseStartupException)
        {
            throw DatabaseStartupErrors.Translate(ex, settings, stage);
        }
    }

    private static bool HasSqliteHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length == 0)
        {
            return true; // SQLite treats an empty file as an empty database.
        }

        Span<byte> header = stackalloc byte[16];
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length &&
            header.SequenceEqual(SqliteHeader);
    }
}
