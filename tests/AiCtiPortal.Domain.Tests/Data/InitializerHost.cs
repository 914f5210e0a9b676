using AiCtiPortal.Domain.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Domain.Tests.Data;

/// <summary>The services AddPortalData registers, from configuration as the web host would pass it.</summary>
internal static class InitializerHost
{
    public static ServiceProvider Build(string contentRoot, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalData(configuration, contentRoot);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static ServiceProvider Postgres(string connectionString) =>
        Build(Path.GetTempPath(), ("Database:Provider", "Postgres"), ("Database:ConnectionString", connectionString));
}
