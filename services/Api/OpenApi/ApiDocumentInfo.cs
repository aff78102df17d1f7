using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ForgetCloud.Api.OpenApi;

/// <summary>The document's title, description, server and tag: the same served and written at build time.</summary>
public sealed class ApiDocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "ForgetCloud Api",
            Version = document.Info?.Version ?? "1.0.0",
            Description = "Submit, follow, cancel and download catastrophic-forgetting studies run by the ForgetCloud workers. " +
                "JSON is snake_case with enums as snake_case strings; every error is RFC 9457 problem details.",
        };
        // Relative: clients resolve it against wherever they fetched the document (no host is known at build time).
        document.Servers = [new OpenApiServer { Url = "/", Description = "The Api that serves this document" }];
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Runs", Description = "Study runs: submission, state, live events, results, artifacts and cancellation." },
        };
        return Task.CompletedTask;
    }
}
