using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Training;

/// <summary>How a stage ended.</summary>
/// <param name="Completed">True when every step ran; false when cancelled (the checkpoint resumes the stage).</param>
/// <param name="Checkpoint">The last checkpoint written (the final one when completed).</param>
/// <param name="Steps">Optimizer steps completed in the stage so far (including steps before a resume).</param>
/// <param name="TotalSteps">Optimizer steps of the whole stage.</param>
/// <param name="SkippedSteps">Steps whose update was skipped for a non-finite gradient norm.</param>
/// <param name="Tokenization">The request's tokenization summary (truncation counts), unchanged.</param>
/// <param name="Notices">Configuration notices logged once (e.g. the unused muon.mu).</param>
public sealed record StageTrainingResult(
    int Stage,
    bool Completed,
    string Checkpoint,
    long Steps,
    long TotalSteps,
    long SkippedSteps,
    TokenizationSummary? Tokenization,
    IReadOnlyList<string> Notices);
