using System.Text;
using System.Text.Json;
using ForgetCloud.Contracts.Api;

namespace ForgetCloud.Api.Submissions;

/// <summary>
/// Reads <c>POST /api/runs/{id}/cancel</c>: <c>application/json</c> only (415 otherwise), a <see cref="CancelRunRequest"/>
/// object or an empty body; anything else (malformed JSON, an array, an unknown field, a reason that is no string) is a 400.
/// </summary>
public static class CancelRequestReader
{
    public static async Task<(CancelRunRequest? Request, IResult? Problem)> ReadAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        if (!RequestFields.IsJson(request))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: $"Send the cancel as application/json: {{\"reason\": \"...\"}} or an empty body; got '{request.ContentType}'."));
        }
        // Query parameters are refused for the whole group (Endpoints/QueryParameters).
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string text;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: e.Message));
        }
        CancelRunRequest? parsed = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                using var document = JsonDocument.Parse(text, RequestFields.Document);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    errors["body"] = [$"must be a JSON object like {{\"reason\": \"...\"}}, not a JSON {root.ValueKind.ToString().ToLowerInvariant()}"];
                }
                else
                {
                    RequestFields.Unknown(root.EnumerateObject().Select(p => p.Name), RequestFields.PropertyNames<CancelRunRequest>(json), "field", errors);
                    if (root.TryGetProperty("reason", out var reason) && reason.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                        errors["reason"] = [$"must be a string, not a JSON {reason.ValueKind.ToString().ToLowerInvariant()}"];
                    if (errors.Count == 0)
                        parsed = root.Deserialize<CancelRunRequest>(json);
                }
            }
            catch (JsonException e)
            {
                errors["body"] = [$"invalid JSON: {e.Message}"];
            }
        }
        return errors.Count > 0 ? (null, TypedResults.ValidationProblem(errors, title: "The cancel request is invalid")) : (parsed, null);
    }
}
