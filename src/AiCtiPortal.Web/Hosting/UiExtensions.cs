using AiCtiPortal.Web.Components.Pages.Admin;
using AiCtiPortal.Web.Markdown;
using AiCtiPortal.Web.Security;
using Radzen;

namespace AiCtiPortal.Web.Hosting;

internal static class UiExtensions
{
    public static IServiceCollection AddPortalUi(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddRazorComponents().AddInteractiveServerComponents(options =>
        {
            // Details for developers only; elsewhere a circuit error tells the browser nothing about the server.
            options.DetailedErrors = environment.IsDevelopment();
        });
        services.AddRadzenComponents();
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<ViewerAccessor>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<OrganisationAdministration>();
        return services;
    }

    public static WebApplication UsePortalErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        return app;
    }

    /// <summary>
    /// HTTPS redirection only where an HTTPS port is known (a reverse proxy usually terminates TLS); redirecting a
    /// plain-HTTP development run to a port nobody listens on would only break it.
    /// </summary>
    public static WebApplication UseHttpsRedirectionWhenConfigured(this WebApplication app)
    {
        if (!string.IsNullOrEmpty(app.Configuration["HTTPS_PORT"] ?? app.Configuration["https_port"]))
        {
            app.UseHttpsRedirection();
        }

        return app;
    }
}
