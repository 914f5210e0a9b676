using AiCtiPortal.Web.Components.Pages.Admin;
using AiCtiPortal.Web.Markdown;
using AiCtiPortal.Web.Security;
using Radzen;

namespace AiCtiPortal.Web.Hosting;

internal static class UiExtensions
{
    /// <summary>Largest message a browser may send over the circuit: the longest field, JSON-escaped, with room.</summary>
    public const int MaxCircuitMessageBytes = 2 * 1024 * 1024;

    public static IServiceCollection AddPortalUi(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // Details for developers only; elsewhere a circuit error tells the browser nothing about the server.
                options.DetailedErrors = environment.IsDevelopment();
            })
            .AddHubOptions(hub =>
            {
                // Every keystroke in the editor sends the whole field. SignalR's 32 KB default would drop the circuit,
                // and with it the unsaved text, once a report body passed about 32,000 characters; this fits the
                // longest body the editor accepts (200,000 characters) even when every character is escaped.
                hub.MaximumReceiveMessageSize = MaxCircuitMessageBytes;
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
