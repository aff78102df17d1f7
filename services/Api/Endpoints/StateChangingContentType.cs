using ForgetCloud.Contracts.Api;
using Microsoft.Net.Http.Headers;

namespace ForgetCloud.Api.Endpoints;

/// <summary>
/// Every POST, PUT, PATCH and DELETE of a group needs a JSON or YAML content type, else 415 problem details: a
/// cross-site HTML form can only send form and text types, so it cannot change anything here (and no future route can
/// forget the check). Routes narrow it further themselves (cancel takes JSON only).
/// </summary>
public static class StateChangingContentType
{
    public static RouteGroupBuilder RequireJsonOrYamlToChangeState(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (!ChangesState(request.Method) || IsJsonOrYaml(request.ContentType))
                return await next(context);
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: $"{request.Method} requests need a JSON (application/json) or YAML ({string.Join(", ", ApiRoutes.YamlContentTypes)}) body content type; " +
                    $"got {(string.IsNullOrEmpty(request.ContentType) ? "none" : $"'{request.ContentType}'")}.");
        });
        return group;
    }

    private static bool ChangesState(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool IsJsonOrYaml(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || ApiRoutes.YamlContentTypes.Contains(type, StringComparer.OrdinalIgnoreCase));
}
