using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Execution;

/// <summary>
/// Runs one training stage of one arm from a config: builds the model (the base, or the base with the earlier stages'
/// checkpoints applied), its batch plan, the forgetting-curve probe when <c>evaluation.curve_interval</c> asks for one, and calls <see cref="StageTrainer.Train"/>, which resumes, checkpoints and
/// stops on cancellation. The model lives only for the call.
/// </summary>
public static class StageRunner
{
    /// <summary>
    /// Trains the stage to its end or until <paramref name="cancellationToken"/> fires. When cancelled, the trainer
    /// has saved a checkpoint after its current step and <see cref="StageTrainingResult.Completed"/> is false;
    /// passing <see cref="StageTrainingResult.Checkpoint"/> as <see cref="StageRunRequest.ResumeFrom"/> continues.
    /// When completed, <see cref="StageTrainingResult.Checkpoint"/> is the stage's final checkpoint directory.
    /// </summary>
    public static async Task<StageTrainingResult> RunAsync(StageRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Stage is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(request), request.Stage, "a study trains stages 1 and 2");
        if (request.Stage == 1 && request.InitFrom.Count > 0)
            throw new ArgumentException("stage 1 starts from the base model: InitFrom must be empty");
        StudyModelBuilder.RequireStage1Checkpoint(request.Config, request.Stage, request.InitFrom.Count > 0);

        using var built = await StudyModelBuilder.BuildTrainedAsync(request.Config, request.InitFrom, request.Hub, cancellationToken).ConfigureAwait(false);
        var plan = DatasetPreparation.PlanFor(request.Config, request.Stage, request.Data, built.Tokenizer, request.Seed);
        var training = new StageTrainingRequest
        {
            Stage = request.Stage,
            Config = request.Config,
            Optimizer = request.Optimizer,
            Batches = plan,
            CheckpointDirectory = request.CheckpointDirectory,
            ResumeFrom = request.ResumeFrom,
            TensorBoardDirectory = request.TensorBoardDirectory,
            Seed = request.Seed,
            Tokenization = request.Data.Stage(request.Stage).Summary,
            Curves = CurveProbe(request.Config.Evaluation, built.Model, built.Tokenizer, request.Data),
            OnTotalSteps = request.OnTotalSteps,
            OnStep = request.OnStep,
            Log = request.Log,
        };
        // Training is CPU-bound and synchronous; run it off the caller's thread so a UI thread stays responsive.
        return await Task.Run(() => StageTrainer.Train(built.Model, training, cancellationToken), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The probe on the test sets' first <c>curve_examples</c> items, scored as the evaluations score them.</summary>
    public static ForgettingCurveProbe? CurveProbe(EvaluationConfig evaluation, LlamaForCausalLM model, ITextTokenizer tokenizer, PreparedDatasets data) =>
        evaluation.CurveInterval < 1
            ? null
            : new ForgettingCurveProbe(
                new GoldTargetRequests(tokenizer, model.Config.MaxPositionEmbeddings), data.Gsm8kTest, data.AquaRatTest,
                evaluation.CurveExamples, evaluation.BatchSize, evaluation.PadTokenId ?? tokenizer.PadTokenId);
}
