using ForgetCloud.Api.Submissions;

namespace ForgetCloud.Api.Endpoints;

/// <summary>The query parameters an endpoint takes; every other one is a typo and a 400 (with did-you-mean).</summary>
public sealed record AllowedQueryParameters(IReadOnlyList<string> Names);

/// <summary>
/// An endpoint filter for a whole group: a query parameter the endpoint does not declare with
/// <see cref="WithQueryParameters"/> is a 400 problem details naming it, instead of being silently ignored.
/// </summary>
public static class QueryParameters
{
    /// <summary>Declares the query parameters <paramref name="endpoint"/> reads.</summary>
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder endpoint, params IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.WithMetadata(new AllowedQueryParameters(names));
    }

    /// <summary>Refuses undeclared query parameters on every endpoint of <paramref name="group"/>.</summary>
    public static RouteGroupBuilder RefuseUnknownQueryParameters(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.Query.Count > 0)
            {
                var known = http.GetEndpoint()?.Metadata.GetMetadata<AllowedQueryParameters>()?.Names ?? [];
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                RequestFields.Unknown(http.Request.Query.Keys, known, "query parameter", errors);
                if (errors.Count > 0)
                    return TypedResults.ValidationProblem(errors, title: "Unknown query parameters");
            }
            return await next(context);
        });
        return group;
    }
}
