using System.Text.Json;

namespace ForgetCloud.Contracts.Api;

/// <summary>
/// The JSON body of <c>POST /api/runs</c>: the study config plus the original framework's flags. (A body sent as
/// <c>application/yaml</c> is the config file itself, with the flags as query parameters of the same names.)
/// </summary>
public sealed record RunSubmission
{
    /// <summary>
    /// The config: a JSON object (the same keys as the YAML file), or a JSON string holding the YAML text.
    /// Input paths are not checked by the Api: the workers that read them do.
    /// </summary>
    public JsonElement? Config { get; init; }

    /// <summary><c>compare_optimizers</c>: run AdamW and Muon on the same config.</summary>
    public bool CompareOptimizers { get; init; }

    /// <summary><c>optimizer</c>: overrides <c>optimizer.type</c> (<c>adamw</c> or <c>muon</c>).</summary>
    public string? Optimizer { get; init; }

    /// <summary><c>resume_stage1</c>: a stage-1 checkpoint prefix in blob storage to resume stage 1 from.</summary>
    public string? ResumeStage1 { get; init; }

    /// <summary><c>resume_stage2</c>: a stage-2 checkpoint prefix to resume stage 2 from (stage 1 is taken as done).</summary>
    public string? ResumeStage2 { get; init; }

    /// <summary><c>skip_training</c>: evaluate only.</summary>
    public bool SkipTraining { get; init; }

    /// <summary><c>seeds</c>: overrides the config's <c>seeds</c> (seeds per optimizer).</summary>
    public int? Seeds { get; init; }

    /// <summary>A submission whose config is YAML text.</summary>
    public static RunSubmission FromYaml(string yaml) => new() { Config = JsonSerializer.SerializeToElement(yaml) };

    /// <summary>A submission whose config is a JSON object given as text.</summary>
    public static RunSubmission FromJson(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return new() { Config = document.RootElement.Clone() };
    }
}
