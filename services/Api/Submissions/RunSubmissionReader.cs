using System.Globalization;
using System.Text.Json;
using ForgetCloud.Contracts.Api;
using Microsoft.Net.Http.Headers;

namespace ForgetCloud.Api.Submissions;

/// <summary>
/// Reads <c>POST /api/runs</c>: a JSON <see cref="RunSubmission"/>, or (YAML content types) the config file's text
/// with the flags as query parameters of the same names. Returns the submission or a problem to answer with.
/// </summary>
public static class RunSubmissionReader
{
    public static async Task<(RunSubmission? Submission, IResult? Problem)> ReadAsync(HttpRequest request, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        try
        {
            if (mediaType is not null && ApiRoutes.YamlContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            {
                using var reader = new StreamReader(request.Body);
                var yaml = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                return FromQuery(request.Query, RunSubmission.FromYaml(yaml));
            }
            if (mediaType is null || !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return (null, TypedResults.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Unsupported content type",
                    detail: $"Send the run as application/json (a RunSubmission) or the config file as {string.Join(", ", ApiRoutes.YamlContentTypes)}; got '{request.ContentType}'."));
            }
            using var document = await JsonDocument.ParseAsync(request.Body, RequestFields.Document, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, BadRequest("body", $"the body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}; send a RunSubmission object"));
            // Unknown fields and any query parameter (a JSON submission carries its flags in the body) are typos.
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            RequestFields.Unknown(root.EnumerateObject().Select(p => p.Name), RequestFields.PropertyNames<RunSubmission>(json), "field", errors);
            RequestFields.Unknown(request.Query.Keys, [], "query parameter (a JSON submission carries its flags in the body)", errors);
            if (errors.Count > 0)
                return (null, TypedResults.ValidationProblem(errors, title: "The submission has unknown fields"));
            var submission = root.Deserialize<RunSubmission>(json);
            return submission is null
                ? (null, BadRequest("body", "the body is JSON null; send a RunSubmission object"))
                : (submission, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: e.Message));
        }
        catch (JsonException e)
        {
            var key = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, BadRequest(key, $"invalid JSON: {e.Message}"));
        }
    }

    /// <summary>The flags a YAML submission takes as query parameters.</summary>
    public static readonly IReadOnlyList<string> QueryFlags = ["compare_optimizers", "optimizer", "resume_stage1", "resume_stage2", "seeds", "skip_training"];

    private static (RunSubmission?, IResult?) FromQuery(IQueryCollection query, RunSubmission submission)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RequestFields.Unknown(query.Keys, QueryFlags, "query parameter", errors);
        bool Flag(string key)
        {
            if (!query.TryGetValue(key, out var value)) return false;
            if (bool.TryParse(value, out var parsed)) return parsed;
            errors[key] = [$"'{value}' is not true or false"];
            return false;
        }
        int? seeds = null;
        if (query.TryGetValue("seeds", out var seedsText))
        {
            if (int.TryParse(seedsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) seeds = parsed;
            else errors["seeds"] = [$"'{seedsText}' is not an integer"];
        }
        var result = submission with
        {
            CompareOptimizers = Flag("compare_optimizers"),
            SkipTraining = Flag("skip_training"),
            Optimizer = query.TryGetValue("optimizer", out var optimizer) ? optimizer.ToString() : null,
            ResumeStage1 = query.TryGetValue("resume_stage1", out var r1) ? r1.ToString() : null,
            ResumeStage2 = query.TryGetValue("resume_stage2", out var r2) ? r2.ToString() : null,
            Seeds = seeds,
        };
        return errors.Count > 0 ? (null, TypedResults.ValidationProblem(errors)) : (result, null);
    }

    private static IResult BadRequest(string key, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [key] = [message] });
}
