using AiCtiPortal.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Web.ComponentTests.Shared;

/// <summary>
/// A bUnit context over a SQLite file of its own, in a temporary folder removed afterwards. Derived classes register
/// their services first and then call <see cref="CreateDatabase"/>: bUnit freezes the container at the first resolve.
/// </summary>
public abstract class SqliteBunitContext : BunitContext
{
    protected SqliteBunitContext(string name)
    {
        Folder = Path.Combine(Path.GetTempPath(), $"aicti-{name}-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Settings = new PortalDatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Folder, "portal.db")}", Folder);
        Services.AddDbContextFactory<PortalDbContext>(options => options.UsePortalDatabase(Settings));
        Services.TryAddSingleton(TimeProvider.System);
    }

    /// <summary>This test's own folder; the database file lives in it.</summary>
    protected string Folder { get; }

    protected PortalDatabaseSettings Settings { get; }

    protected IDbContextFactory<PortalDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    /// <summary>Creates the schema from the model; call once every service is registered.</summary>
    protected PortalDbContext CreateDatabase()
    {
        var db = Contexts.CreateDbContext();
        db.Database.EnsureCreated();
        return db;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run over it is not.
        }
    }
}
