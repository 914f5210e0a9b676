using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Curation.Quality.Jobs;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Web.Api;
using AiCtiPortal.Web.Artifacts;
using AiCtiPortal.Web.Exports;
using AiCtiPortal.Web.Health;
using AiCtiPortal.Web.Hosting;
using AiCtiPortal.Web.Identity;
using AiCtiPortal.Web.Security.ApiTokens;
using AiCtiPortal.Web.Taxii;

var builder = WebApplication.CreateBuilder(args);
var contentRoot = builder.Environment.ContentRootPath;

builder.Services
    .AddPortalData(builder.Configuration, contentRoot)
    .AddPortalJobs(builder.Configuration, contentRoot)
    .AddQualityChecks(builder.Configuration) // after AddPortalJobs: wraps its submission hook
    .AddReportWorkflow(builder.Configuration)
    .AddCatalogueSearch()
    .AddPortalIdentity(builder.Configuration, contentRoot)
    .AddPortalHealth()
    .AddArtifactScanning(builder.Configuration)
    .AddPortalApiTokens(builder.Configuration)
    .AddTaxii()
    .AddPortalApi()
    .AddPortalUi(builder.Environment);

var app = builder.Build();

if (OperatorCommands.Find(args) is { } command)
{
    return await command(app);
}

if (!await app.TryInitializePortalDatabaseAsync())
{
    return 1;
}

app.UseServerTimingWhenEnabled(); // first, so the figure covers the whole pipeline
app.UsePortalErrorPages();
app.UseHttpsRedirectionWhenConfigured();
app.UseAuthentication();
app.UseAuthorization();
app.UsePortalApiTokens(); // after authorization, which identifies the token the rate limit counts
app.UseAntiforgery(); // after authentication: tokens are bound to the signed-in user
app.MapPortalEndpoints();
app.MapTaxii(); // TAXII 2.1 server over the curated sets, at /taxii2/
app.MapPortalApi(); // /api/v1 catalogue, sightings, submissions and its OpenAPI document
app.MapExportDownloads(); // GET /exports/{runId}/{file}: published export files for the set's readers

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
