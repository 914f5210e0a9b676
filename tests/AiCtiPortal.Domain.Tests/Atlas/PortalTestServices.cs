using AiCtiPortal.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Domain.Tests.Atlas;

/// <summary>
/// The portal's services as the host registers them, on a SQLite file in a temp folder of its own, migrated by
/// <see cref="PortalDatabaseInitializer"/> (EF and Quartz tables). Disposing removes the folder.
/// </summary>
internal sealed class PortalTestServices : IAsyncDisposable
{
    private PortalTestServices(string folder, ServiceProvider services)
    {
        Folder = folder;
        Services = services;
    }

    public string Folder { get; }

    public ServiceProvider Services { get; }

    public IDbContextFactory<PortalDbContext> Db => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public static async Task<PortalTestServices> StartAsync(
        Action<IServiceCollection, IConfiguration, string>? register = null,
        IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"aicti-d-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataFolder"] = "data",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPortalData(configuration, folder);
        register?.Invoke(services, configuration, folder);
        var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(seedDemoData: false, CancellationToken.None);
        return new PortalTestServices(folder, provider);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
