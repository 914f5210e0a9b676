namespace AiCtiPortal.Web.Hosting;

internal static class BlazorScriptExtensions
{
    /// <summary>Maps /_framework/blazor.web.js when the build bundles the script; a no-op on the standard path.</summary>
    public static IEndpointRouteBuilder MapBlazorClientScript(this IEndpointRouteBuilder endpoints)
    {
#if BUNDLED_BLAZOR_SCRIPT
        var source = Path.Combine(AppContext.BaseDirectory, "blazor-script", "components-endpoints-9.bin");
        var script = BlazorScriptEndpoint.Load(source);
        endpoints.MapMethods(BlazorScriptEndpoint.Route, [HttpMethods.Get, HttpMethods.Head], script.WriteAsync)
            .ExcludeFromDescription();
#endif
        return endpoints;
    }
}
