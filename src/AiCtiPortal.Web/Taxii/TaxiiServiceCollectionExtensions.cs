using AiCtiPortal.Domain.Exports.Taxii;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Web.Security.ApiTokens;
using Microsoft.AspNetCore.Authentication;

namespace AiCtiPortal.Web.Taxii;

public static class TaxiiServiceCollectionExtensions
{
    /// <summary>
    /// The policy TAXII endpoints demand: an API token (through the TAXII scheme, for TAXII-shaped refusals) with the
    /// DownloadExports scope. That scope, not ReadCatalogue: a TAXII collection is a curated set, the very thing the
    /// scope grants ("download curated exports the owner's organisations may read"), and a token issued to pull feeds
    /// should not also need rights to browse the whole catalogue.
    /// </summary>
    public const string Policy = "Taxii";

    public static IServiceCollection AddTaxii(this IServiceCollection services)
    {
        services.AddTaxiiCollections();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TaxiiAuthenticationHandler>(
                TaxiiAuthenticationHandler.SchemeName, options => options.ForwardAuthenticate = ApiTokenDefaults.Scheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy
                .AddAuthenticationSchemes(TaxiiAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiTokenClaims.Scope, nameof(ApiTokenScopes.DownloadExports)));
        return services;
    }
}
