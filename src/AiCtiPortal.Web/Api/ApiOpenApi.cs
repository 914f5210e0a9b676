using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Web.Security.ApiTokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiCtiPortal.Web.Api;

/// <summary>
/// The OpenAPI 3.1 document of /api/v1, served anonymously at /api/v1/openapi.json so clients can generate code
/// before they hold a token. Every operation names the bearer scheme and, as the requirement's roles (which 3.1
/// allows for non-OAuth schemes), the token scopes its policy demands; the text says the same for readers.
/// </summary>
internal static class ApiOpenApi
{
    public const string DocumentName = "v1";
    public const string Route = ApiV1.Prefix + "/openapi.json";
    private const string SchemeName = ApiTokenDefaults.Scheme;

    public static void Configure(OpenApiOptions options)
    {
        // The portal also maps pages, account forms and other hosts' endpoints; the document is the token API only.
        options.ShouldInclude = description =>
            description.RelativePath is { } path && path.StartsWith(ApiV1.Prefix.TrimStart('/') + "/", StringComparison.Ordinal);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "AiCtiPortal API",
                Version = DocumentName,
                Description = "Published threat intelligence on attacks against AI systems: search and read reports and " +
                    "indicators, look up values, report sightings, submit indicators for review and download the curated sets' " +
                    "exports. Authenticate with " +
                    "\"Authorization: Bearer aicti_…\" (create tokens on /account/api-tokens). Every answer is limited to " +
                    "the token's TLP clearance; items above it answer 404. Errors are RFC 9457 problem+json; each token " +
                    "has a request budget and gets 429 with Retry-After beyond it.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "aicti_<prefix>_<secret>",
                Description = "A personal or organisation API token. Scopes: " +
                    string.Join("; ", ApiTokenScopeRules.Each.Select(s => $"{s}: {ApiTokenScopeRules.Describe(s)}")) + ".",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var scopes = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
                .Select(a => ApiTokenDefaults.ScopeOfPolicy(a.Policy))
                .OfType<ApiTokenScopes>()
                .Distinct()
                .Select(s => s.ToString())
                .ToList();
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiJsonBodyMetadata>().FirstOrDefault() is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, cancellationToken: ct) },
                    },
                };
            }

            ApiParameterDescriptions.Apply(operation);
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes,
            });
            var needs = scopes.Count == 0 ? "Needs a valid token (any scope)." : $"Needs a token with the {string.Join(", ", scopes)} scope.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? needs : $"{operation.Description}\n\n{needs}";
            operation.Responses ??= [];
            Describe(operation.Responses, "401", "No token, or a malformed, unknown, expired or revoked one (WWW-Authenticate says which).");
            Describe(operation.Responses, "403", "The token lacks the scope this operation needs (error=\"insufficient_scope\").");
            Describe(operation.Responses, "429", "The token's request budget is spent; retry after the Retry-After seconds.");
        });
    }

    private static void Describe(OpenApiResponses responses, string status, string description)
    {
        if (!responses.ContainsKey(status))
        {
            responses[status] = new OpenApiResponse { Description = description };
        }
    }
}

/// <summary>
/// Marks an endpoint that reads a JSON body of <see cref="Type"/> itself (<see cref="ApiJsonBody"/>), so the document
/// can describe the body. Not Accepts(): its content-type matching would send other media types past the endpoint to
/// the pages, where they would get an HTML 400 instead of the API's 415.
/// </summary>
internal sealed record ApiJsonBodyMetadata(Type Type);
