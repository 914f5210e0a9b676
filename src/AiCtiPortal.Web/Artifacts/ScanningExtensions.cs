using AiCtiPortal.Domain.Artifacts;
using Microsoft.AspNetCore.Http.Features;

namespace AiCtiPortal.Web.Artifacts;

internal static class ScanningExtensions
{
    public static IServiceCollection AddArtifactScanning(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ScanningOptions.Section);
        services.Configure<ScanningOptions>(section);
        var limit = (section.Get<ScanningOptions>() ?? new ScanningOptions()).MaxUploadBytes;
        // The framework's multipart reader must never be the tighter limit for an upload the setting allows (its
        // default is 128 MB). The scan endpoint streams its own body and raises Kestrel's per-request ceiling (30 MB by
        // default, kept for every other endpoint) to the same setting.
        services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = Math.Max(form.MultipartBodyLengthLimit, limit));
        services.AddArtifactKnowledge();
        services.AddScoped<ArtifactScanService>();
        return services;
    }
}
