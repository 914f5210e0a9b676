using System.Net;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>Production hides failures behind the friendly error page.</summary>
public sealed class ProductionErrorTests(ProductionErrorTests.Factory factory) : IClassFixture<ProductionErrorTests.Factory>
{
    public const string FailingPath = "/test-only/fail";

    [Fact]
    public async Task An_exception_in_production_shows_the_friendly_error_page_without_a_stack_trace()
    {
        var response = await factory.CreatePortalClient().GetAsync(FailingPath);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("data-testid=\"error-page\"", html);
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("Kaboom", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain(" at ", html.Replace(" at this address", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_url_in_production_shows_the_not_found_page()
    {
        var response = await factory.CreatePortalClient().GetAsync("/missing-in-production");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-testid=\"not-found-page\"", await response.Content.ReadAsStringAsync());
    }

    public sealed class Factory : PortalFactory
    {
        protected override string EnvironmentName => "Production";

        protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:MigrateOnStartup", "true"); // production migrates only when told to
            // A failing request at the very end of the app's own pipeline, inside its exception handler.
            builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, FailingEndpointFilter>());
        }
    }

    private sealed class FailingEndpointFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate rest) => context.Request.Path == FailingPath
                ? throw new InvalidOperationException("Kaboom: a test failure")
                : rest(context));
        };
    }
}
