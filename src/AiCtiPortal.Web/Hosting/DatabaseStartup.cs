using AiCtiPortal.Domain.Data;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Web.Hosting;

internal static class DatabaseStartup
{
    /// <summary>
    /// Prepares the database before the app serves: migrates where that is automatic (Development, or
    /// Database:MigrateOnStartup), checks that nothing is pending elsewhere, and seeds demo data in Development.
    /// A database the app cannot use is an operator's problem with one cause, so it gets one clear log line and exit
    /// code 1 rather than a stack trace.
    /// </summary>
    public static Task<bool> TryInitializePortalDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        var options = app.Services.GetRequiredService<IOptions<PortalDataOptions>>().Value;
        var isDevelopment = app.Environment.IsDevelopment();
        return app.TryInitializeAsync(isDevelopment, options.MigrateOnStartup ?? isDevelopment, ct);
    }

    /// <summary>The deliberate deployment step: applies pending migrations and ensures the roles; never seeds.</summary>
    public static async Task<int> MigratePortalDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        var migrated = await app.TryInitializeAsync(seedDemoData: false, applyMigrations: true, ct);
        if (migrated)
        {
            app.Logger.LogInformation("The database is up to date.");
        }

        return migrated ? 0 : 1;
    }

    private static async Task<bool> TryInitializeAsync(
        this WebApplication app, bool seedDemoData, bool applyMigrations, CancellationToken ct)
    {
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var initializer = scope.ServiceProvider.GetRequiredService<PortalDatabaseInitializer>();
            await initializer.InitializeAsync(seedDemoData, applyMigrations, ct);
            return true;
        }
        catch (DatabaseStartupException ex)
        {
            app.Logger.LogCritical("Cannot start: {Reason}", ex.Message);
            Environment.ExitCode = 1;
            return false;
        }
    }
}
