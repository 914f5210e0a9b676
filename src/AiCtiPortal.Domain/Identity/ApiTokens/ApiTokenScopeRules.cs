namespace AiCtiPortal.Domain.Identity.ApiTokens;

/// <summary>
/// Which scopes an owner may hold, so that a token can never do more than its owner could do in the portal:
/// <list type="bullet">
/// <item>ReadCatalogue: anyone (anonymous visitors already read published TLP:CLEAR; the clearance still applies).</item>
/// <item>DownloadExports: consumers (curated sets are shared with their organisations) and curators (who define the sets).</item>
/// <item>ReportSightings: anyone holding a portal role, since seeing an indicator in the wild is what consumers and contributors both report.</item>
/// <item>SubmitIndicators: contributors and curators, the same people the review workflow accepts as authors.</item>
/// </list>
/// An organisation acts as a consumer: it reads, downloads and reports sightings, but never submits, because a
/// submission needs an accountable author for the review workflow.
/// </summary>
public static class ApiTokenScopeRules
{
    public static IReadOnlyList<ApiTokenScopes> Each { get; } =
        [ApiTokenScopes.ReadCatalogue, ApiTokenScopes.DownloadExports, ApiTokenScopes.ReportSightings, ApiTokenScopes.SubmitIndicators];

    public const ApiTokenScopes Organisation = ApiTokenScopes.ReadCatalogue | ApiTokenScopes.DownloadExports | ApiTokenScopes.ReportSightings;

    public static ApiTokenScopes AllowedFor(IReadOnlyCollection<string> roles)
    {
        bool Has(string role) => roles.Contains(role, StringComparer.Ordinal);

        var allowed = ApiTokenScopes.ReadCatalogue;
        if (Has(PortalRoles.Consumer) || Has(PortalRoles.Curator))
        {
            allowed |= ApiTokenScopes.DownloadExports;
        }

        if (roles.Count > 0)
        {
            allowed |= ApiTokenScopes.ReportSightings;
        }

        if (Has(PortalRoles.Contributor) || Has(PortalRoles.Curator))
        {
            allowed |= ApiTokenScopes.SubmitIndicators;
        }

        return allowed;
    }

    /// <summary>The single scopes set in <paramref name="scopes"/>, in declaration order.</summary>
    public static IReadOnlyList<ApiTokenScopes> Split(ApiTokenScopes scopes) => Each.Where(s => scopes.HasFlag(s)).ToList();

    public static string Describe(ApiTokenScopes scope) => scope switch
    {
        ApiTokenScopes.ReadCatalogue => "Read published reports and indicators up to your clearance",
        ApiTokenScopes.DownloadExports => "Download curated exports (consumers and curators)",
        ApiTokenScopes.ReportSightings => "Report sightings of indicators (any portal role)",
        ApiTokenScopes.SubmitIndicators => "Submit indicators for review (contributors and curators)",
        _ => scope.ToString(),
    };
}
