namespace AiCtiPortal.Web.FunctionalTests.Authorization;

/// <summary>Real ids to put into route parameters: demo data, plus the probe set the fixture adds.</summary>
public sealed record SampleIds(Guid PublishedClearReport, Guid ContributorDraft, Guid GreenInReview, Guid PublishedClearIndicator);

/// <summary>The expected outcome of GET <see cref="Route"/> (requested as <see cref="Sample"/>) for each audience.</summary>
public sealed record AccessRule(string Route, Func<SampleIds, string> Sample, IReadOnlyDictionary<Audience, Access> Expected);

/// <summary>
/// The authorisation spec: every routable page and endpoint of the portal, keyed by its route pattern as the app
/// declares it. A route the app maps but this table does not name fails the matrix test, so a new page cannot ship
/// without someone deciding who may open it.
/// </summary>
public static class AccessTable
{
    private const Access Ok = Access.Ok;
    private const Access Login = Access.Login;
    private const Access Denied = Access.Denied;
    private const Access NotFound = Access.NotFound;

    public static IReadOnlyList<AccessRule> Rules { get; } =
    [
        // Each row: route, the URL requested for it, then anonymous, Contributor, Reviewer, Curator, Consumer.
        Rule("/", _ => "/", Ok, Ok, Ok, Ok, Ok),
        Rule("/reports", _ => "/reports?q=model", Ok, Ok, Ok, Ok, Ok),
        Rule("/reports/{Id:guid}", s => $"/reports/{s.PublishedClearReport}", Ok, Ok, Ok, Ok, Ok),
        // Writing is a contributor's tool (curators edit too); consumers read the curated feed only.
        Rule("/reports/new", _ => "/reports/new", Login, Ok, Ok, Ok, Denied),
        // The page opens for any contributor; the workflow then refuses anyone but the author or a curator.
        Rule("/reports/{Id:guid}/edit", s => $"/reports/{s.ContributorDraft}/edit", Login, Ok, Ok, Ok, Denied),
        Rule("/my/submissions", _ => "/my/submissions", Login, Ok, Ok, Ok, Denied),
        Rule("/reviews", _ => "/reviews", Login, Denied, Ok, Denied, Denied),
        Rule("/reviews/{ReportId:guid}", s => $"/reviews/{s.GreenInReview}", Login, Denied, Ok, Denied, Denied),
        Rule("/indicators", _ => "/indicators?type=Url", Ok, Ok, Ok, Ok, Ok),
        Rule("/indicators/{Id:guid}", s => $"/indicators/{s.PublishedClearIndicator}", Ok, Ok, Ok, Ok, Ok),
        Rule("/indicators/check", _ => "/indicators/check", Ok, Ok, Ok, Ok, Ok),
        // Browsing is public; the import panel inside is wrapped in a curator-only AuthorizeView.
        Rule("/atlas", _ => "/atlas?q=poison", Ok, Ok, Ok, Ok, Ok),
        // Any signed-in user may scan a file; the knowledge-base matches shown are limited to what they may see.
        // Everyone signed in has their own notifications; the page lists only the viewer's.
        Rule("/notifications", _ => "/notifications", Login, Ok, Ok, Ok, Ok),
        Rule("/artifacts/scan", _ => "/artifacts/scan", Login, Ok, Ok, Ok, Ok),
        // Everyone signed in manages their own API tokens; organisation tokens appear only for those who may manage them.
        Rule("/account/api-tokens", _ => "/account/api-tokens", Login, Ok, Ok, Ok, Ok),
        // Every signed-in user may open the page; it lists only the sets their organisations read (curators: all).
        Rule("/exports", _ => "/exports", Login, Ok, Ok, Ok, Ok),
        // A run that does not exist (or that the viewer may not read) is a 404 for everyone signed in; ExportDownloadScenarios
        // cover a reader's download, another organisation's 404 and a file name the manifest does not list.
        Rule("/exports/{runId:guid}/{file}", _ => $"/exports/{Guid.Empty}/bundle.json", Login, NotFound, NotFound, NotFound, NotFound),
        Rule("/admin/users", _ => "/admin/users", Login, Denied, Denied, Ok, Denied),
        Rule("/admin/organisations", _ => "/admin/organisations", Login, Denied, Denied, Ok, Denied),
        Rule("/admin/curated-sets", _ => "/admin/curated-sets", Login, Denied, Denied, Ok, Denied),
        Rule("/admin/jobs", _ => "/admin/jobs", Login, Denied, Denied, Ok, Denied),
        Rule("/admin/audit", _ => "/admin/audit?action=Review", Login, Denied, Denied, Ok, Denied),
        Rule("/admin/scan-policy", _ => "/admin/scan-policy", Login, Denied, Denied, Ok, Denied),
        Rule("/Account/Login", _ => "/Account/Login", Ok, Ok, Ok, Ok, Ok),
        Rule("/Account/Register", _ => "/Account/Register", Ok, Ok, Ok, Ok, Ok),
        Rule("/Account/ForgotPassword", _ => "/Account/ForgotPassword", Ok, Ok, Ok, Ok, Ok),
        Rule("/Account/ResetPassword", _ => "/Account/ResetPassword", Ok, Ok, Ok, Ok, Ok),
        Rule("/Account/Lockout", _ => "/Account/Lockout", Ok, Ok, Ok, Ok, Ok),
        Rule("/Account/AccessDenied", _ => "/Account/AccessDenied", Ok, Ok, Ok, Ok, Ok),
        Rule("/Error", _ => "/Error", Ok, Ok, Ok, Ok, Ok),
        Rule("/not-found", _ => "/not-found", Ok, Ok, Ok, Ok, Ok),
        Rule("/health", _ => "/health", Ok, Ok, Ok, Ok, Ok),
        // Development's static-asset fallback serves files missing from the build manifest; nothing else leaks through it.
        Rule("/{**path:file}", _ => "/no-such-asset.txt", NotFound, NotFound, NotFound, NotFound, NotFound),
        Rule("/_framework/blazor.web.js", _ => "/_framework/blazor.web.js", Ok, Ok, Ok, Ok, Ok),
    ];

    /// <summary>Every static asset (MapStaticAssets: CSS, scripts, images) is public; a few are requested as samples.</summary>
    public static IReadOnlyDictionary<Audience, Access> StaticAsset { get; } = Expect(Ok, Ok, Ok, Ok, Ok);

    /// <summary>Mapped routes the GET matrix does not request, each with the reason and where it is covered instead.</summary>
    public static IReadOnlyDictionary<string, string> NotRequested { get; } = new Dictionary<string, string>
    {
        ["/Account/Logout"] = "POST only; a request without the antiforgery token is refused (Sign_out_without_an_antiforgery_token_is_refused), " +
            "sign-out itself is PortalScenarios.Sign_out_form_in_the_layout_ends_the_session",
        ["/api/artifacts/scan"] = "POST only (a file upload); ArtifactScanScenarios covers 401 for anonymous callers and scans for signed-in ones",
        ["/api/v1/me"] = "bearer tokens only (cookies are ignored, so every cookie audience gets 401); ApiTokenScenarios cover " +
            "401 without, with a malformed, unknown, expired or revoked token, and 200 for personal and organisation tokens",
        ["/api/v1/catalogue/counts"] = "bearer tokens with the ReadCatalogue scope only; ApiTokenScenarios cover 403 without the scope, " +
            "the organisation's clearance and 429 after the per-token limit",
        ["/api/v1/openapi.json"] = "the API's OpenAPI document, anonymous by design (it describes routes, not content); " +
            "OpenApiDocumentScenarios checks it describes every /api/v1 route with its scope",
        ["/api/v1/reports"] = "bearer tokens with ReadCatalogue only; CatalogueApiScenarios cover TLP in lists and counts, 400 and 403",
        ["/api/v1/reports/{id:guid}"] = "bearer tokens with ReadCatalogue only; CatalogueApiScenarios cover 404 above the clearance",
        ["/api/v1/indicators"] = "GET needs ReadCatalogue, POST (submission) SubmitIndicators; CatalogueApiScenarios and " +
            "SubmissionApiScenarios cover TLP, 400, 403 and 413",
        ["/api/v1/indicators/{id:guid}"] = "bearer tokens with ReadCatalogue only; CatalogueApiScenarios cover 404 above the clearance",
        ["/api/v1/indicators/lookup"] = "bearer tokens with ReadCatalogue only; CatalogueApiScenarios cover hit, miss, hidden and 400",
        ["/api/v1/sightings"] = "POST only, bearer tokens with ReportSightings; SightingApiScenarios cover counts, idempotency, " +
            "404 above the clearance, 400, 403 and 413",
        // Curated exports through the API: bearer tokens with DownloadExports only. SetAccessScenarios asks every route of
        // every set and export with every token; ExportApiScenarios covers the content, the filters and 400.
        ["/api/v1/sets"] = "bearer tokens with DownloadExports only; the sets the token's user or organisation reads",
        ["/api/v1/sets/{setId:guid}/exports"] = "bearer tokens with DownloadExports only; 404 for a set the token may not read",
        ["/api/v1/sets/{setId:guid}/exports/latest"] = "bearer tokens with DownloadExports only; 404 for a set the token may not read",
        ["/api/v1/exports/{runId:guid}"] = "bearer tokens with DownloadExports only; 404 for an export the token may not have",
        ["/api/v1/exports/{runId:guid}/files/{file}"] = "bearer tokens with DownloadExports only; 404 for a file the token may not have",
        // TAXII 2.1: bearer tokens with the DownloadExports scope only (every cookie audience gets a TAXII 401); TaxiiScenarios
        // cover 401/403 with TAXII error bodies, 404 for organisations that do not read the set, and the TLP cap.
        ["/taxii2/"] = "TAXII discovery; bearer tokens with DownloadExports only, TaxiiScenarios cover the fields and 401 without a token",
        ["/taxii2/api/"] = "TAXII API root; bearer tokens with DownloadExports only, TaxiiScenarios cover its fields",
        ["/taxii2/api/collections/"] = "TAXII collections: the curated sets the token's organisation (or user) reads; TaxiiScenarios " +
            "check an outsider's list leaves the set out",
        ["/taxii2/api/collections/{collectionId}/"] = "TAXII collection; 404 for a set the token may not read (TaxiiScenarios)",
        ["/taxii2/api/collections/{collectionId}/objects/"] = "TAXII objects (GET) and the read-only add-objects endpoint (POST: 415 " +
            "for a non-TAXII body, 403 otherwise); TaxiiScenarios cover paging, filters, 404 for outsiders and the TLP cap",
        ["/taxii2/api/collections/{collectionId}/objects/{objectId}/"] = "TAXII object by id; TaxiiScenarios cover it and its 404s",
        ["/taxii2/api/collections/{collectionId}/objects/{objectId}/versions/"] = "TAXII object versions; TaxiiScenarios cover it",
        ["/taxii2/api/collections/{collectionId}/manifest/"] = "TAXII manifest; TaxiiScenarios cover its records and paging",
        ["/_blazor"] = "the interactive circuit's SignalR hub: it renders the same components, whose access the page rows test",
        ["/_blazor/negotiate"] = "SignalR negotiation for the circuit (POST)",
        ["/_blazor/disconnect/"] = "circuit disconnect beacon (POST)",
        ["/_blazor/initializers/"] = "the list of JavaScript initializers (no data)",
        ["/_framework/opaque-redirect"] = "the framework's redirect hop for enhanced navigation",
    };

    private static AccessRule Rule(
        string route, Func<SampleIds, string> sample,
        Access anonymous, Access contributor, Access reviewer, Access curator, Access consumer) =>
        new(route, sample, Expect(anonymous, contributor, reviewer, curator, consumer));

    private static Dictionary<Audience, Access> Expect(
        Access anonymous, Access contributor, Access reviewer, Access curator, Access consumer) => new()
    {
        [Audience.Anonymous] = anonymous,
        [Audience.Contributor] = contributor,
        [Audience.Reviewer] = reviewer,
        [Audience.Curator] = curator,
        [Audience.Consumer] = consumer,
    };
}
