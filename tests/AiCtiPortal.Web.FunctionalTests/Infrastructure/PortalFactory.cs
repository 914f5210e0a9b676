using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Web.FunctionalTests.Infrastructure;

/// <summary>
/// The real host on a database of its own. Development by default, for the demo accounts and data; the ATLAS
/// start-up import is switched off so tests neither wait for it nor race it.
/// </summary>
public abstract class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private ITestDatabase? _database;

    protected virtual string EnvironmentName => "Development";

    public CapturingEmailSender Emails { get; } = new();

    protected ITestDatabase Database => _database ?? throw new InvalidOperationException("The test database is not ready.");

    protected abstract Task<ITestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        // Build the host now, so start-up (migrations, seeding) fails here with its own message.
        var settings = Services.GetRequiredService<PortalDatabaseSettings>();
        if (settings.DataFolder != Path.GetFullPath(_database.DataFolder) || settings.Provider.ToString() != _database.Provider)
        {
            throw new InvalidOperationException(
                $"The host did not take the test database settings (got {settings.Provider} in {settings.DataFolder}).");
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Database:DataFolder", Database.DataFolder);
        // No local file: Development's start-up ATLAS import stays off.
        builder.UseSetting("Jobs:AtlasImport:LocalFile", "");
        builder.UseSetting("Email:Smtp:Host", "");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IEmailSender<PortalUser>>();
            services.AddSingleton<IEmailSender<PortalUser>>(Emails);
        });
    }

    public HttpClient CreatePortalClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates an account directly, for tests that need a user of their own.</summary>
    public async Task<PortalUser> CreateUserAsync(string password, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = $"user-{Guid.NewGuid():N}@tests.aicti.local";
        var user = new PortalUser { UserName = email, Email = email, DisplayName = "Test user" };
        Check(await users.CreateAsync(user, password));
        foreach (var role in roles)
        {
            Check(await users.AddToRoleAsync(user, role));
        }

        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed class SqlitePortalFactory : PortalFactory
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresPortalFactory : PortalFactory
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
