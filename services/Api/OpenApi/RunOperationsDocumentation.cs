using ForgetCloud.Api.Endpoints;
using ForgetCloud.Contracts.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ForgetCloud.Api.OpenApi;

/// <summary>
/// What endpoint metadata alone cannot say: the query parameters an endpoint reads (<see cref="AllowedQueryParameters"/>,
/// typed as the <see cref="RunSubmission"/> fields they set), a YAML body that is the config itself (not the JSON
/// <see cref="RunSubmission"/>), and the schemas of the results and artifact downloads.
/// </summary>
public sealed class RunOperationsDocumentation : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<AllowedQueryParameters>().LastOrDefault() is { } allowed)
            await DeclareQueryParametersAsync(operation, context, allowed.Names, cancellationToken);

        if (operation.RequestBody?.Content is { } body)
        {
            foreach (var yaml in ApiRoutes.YamlContentTypes)
            {
                if (body.TryGetValue(yaml, out var media))
                    media.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "The study config as YAML: the same document as configs/*.yaml and `forgetcloud study --config`.",
                    };
            }
        }

        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            if (response.Content is null) continue;
            if (response.Content.TryGetValue("application/octet-stream", out var file) && file.Schema is null)
                file.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The file's bytes." };
            if (context.Description.ActionDescriptor.AttributeRouteInfo?.Name == "GetResults"
                && response.Content.TryGetValue("application/json", out var results) && results.Schema is null)
                results.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "final_results.json as the study's analysis writes it (docs/outputs.md): per arm the accuracy and NLL " +
                        "matrices with confidence intervals, forgetting, optimizer differences and final metrics.",
                };
        }
    }

    private static async Task DeclareQueryParametersAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        var declared = operation.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        OpenApiSchema? submission = null;
        foreach (var name in names.Where(n => !declared.Contains(n)))
        {
            submission ??= await context.GetOrCreateSchemaAsync(typeof(RunSubmission), null, cancellationToken);
            if (submission.Properties?.TryGetValue(name, out var field) is not true)
                throw new InvalidOperationException($"Query parameter '{name}' is no RunSubmission field: the document cannot type it.");
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = $"With a YAML body only (a JSON submission carries it in the body). {field.Description}".TrimEnd(),
                Schema = field,
            });
        }
    }
}
