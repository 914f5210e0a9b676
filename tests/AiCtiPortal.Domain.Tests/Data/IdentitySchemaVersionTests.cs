using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Domain.Tests.Data;

/// <summary>The migrations create Identity schema version 1; a host asking for another must hear about it at once.</summary>
public sealed class IdentitySchemaVersionTests : IDisposable
{
    private readonly SqliteTestFolder _root = new();

    [Fact]
    public void Identity_with_default_store_options_builds_the_model_the_migrations_create()
    {
        using var services = Build(_ => { });
        using var db = ContextFor(services);

        var model = db.Model;

        Assert.Null(model.FindEntityType(typeof(IdentityUserPasskey<string>)));
        Assert.NotNull(model.FindEntityType(typeof(PortalUser)));
    }

    [Fact]
    public void Identity_schema_version_3_is_refused_with_the_fix()
    {
        using var services = Build(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3);
        using var db = ContextFor(services);

        var error = Assert.Throws<InvalidOperationException>(() => db.Model);

        Assert.Contains("migrations create Identity schema version 1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// EF builds a context type's model once per internal service provider, so each test takes a fresh one (the
    /// host builds it once, with its own IdentityOptions, which is when the check runs).
    /// </summary>
    private static PortalDbContext ContextFor(IServiceProvider services) =>
        new(new DbContextOptionsBuilder<PortalDbContext>()
            .UsePortalDatabase(services.GetRequiredService<PortalDatabaseSettings>())
            .UseApplicationServiceProvider(services)
            .EnableServiceProviderCaching(false)
            .Options);

    private ServiceProvider Build(Action<IdentityOptions> identity)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPortalData(new ConfigurationBuilder().Build(), _root.Path);
        services.AddIdentityCore<PortalUser>(identity).AddRoles<IdentityRole>().AddEntityFrameworkStores<PortalDbContext>();
        return services.BuildServiceProvider();
    }

    public void Dispose() => _root.Dispose();
}
