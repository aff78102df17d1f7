using ForgetCloud.Contracts.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ForgetCloud.Api.OpenApi;

/// <summary>
/// Declares the two ways to call <c>/api</c> (Security/ApiKeyAuthenticationHandler, Security/ApiAuthentication) and
/// requires either on every <c>/api</c> operation. Declared whether or not this instance has keys configured: the
/// document describes the Api clients meet in production, where authentication is required.
/// </summary>
public sealed class ApiSecuritySchemes : IOpenApiDocumentTransformer
{
    public const string ApiKey = "ApiKey";
    public const string Bearer = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeys.HeaderName,
            Description = "An API key; the Api stores only its SHA-256 hash.",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer with an API key, or an Entra ID access token (a JWT) where the Api has a token issuer.",
        };
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith(ApiRoutes.Runs, StringComparison.Ordinal) || item.Operations is null) continue;
            foreach (var operation in item.Operations.Values)
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
                ];
            }
        }
        return Task.CompletedTask;
    }
}
