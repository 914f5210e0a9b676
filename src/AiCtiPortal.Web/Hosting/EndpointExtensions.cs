using AiCtiPortal.Web.Artifacts;
using AiCtiPortal.Web.Components;
using AiCtiPortal.Web.Health;
using AiCtiPortal.Web.Identity;

namespace AiCtiPortal.Web.Hosting;

internal static class EndpointExtensions
{
    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapBlazorClientScript();
        app.MapStaticAssets();
        app.MapPortalHealth();
        app.MapAccountEndpoints();
        app.MapArtifactScan();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
