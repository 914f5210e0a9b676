using AiCtiPortal.Domain.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Domain.Data;

public static class PortalDataServiceCollectionExtensions
{
    public static IServiceCollection AddPortalData(
        this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var section = configuration.GetSection(PortalDataOptions.Section);
        services.Configure<PortalDataOptions>(section);
        var settings = PortalDatabaseSettings.Resolve(section.Get<PortalDataOptions>() ?? new PortalDataOptions(), contentRootPath);
        services.AddSingleton(settings);

        // Blazor components create a short-lived context per operation from the factory ...
        services.AddDbContextFactory<PortalDbContext>(options => options.UsePortalDatabase(settings));

        // ... while ASP.NET Core Identity's stores take the context per request scope.
        services.TryAddScoped(provider => provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());

        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<DemoDataSeeder>();
        services.AddTransient<PortalDatabaseInitializer>();
        return services;
    }
}
