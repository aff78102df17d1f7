using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Devices;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Quantization;
using ForgetCloud.Learning.Tokenization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Execution;

/// <summary>
/// Builds the model a study config names (<c>model.name</c> as preset, directory or hub id through
/// <see cref="ModelSource"/>, in <c>dtype</c>) with its tokenizer, either as the untrained base or with the trained
/// weights of stage checkpoints. LoRA adapters for training are attached by the trainer
/// (<see cref="Training.StageModelSetup"/>); here they are only loaded back from checkpoints.
/// </summary>
public static class StudyModelBuilder
{
    /// <summary>
    /// The tokenizer of <paramref name="model"/>: <c>model.tokenizer</c> when set (a known name or a path), else the
    /// preset's tokenizer, else the files in the model directory.
    /// </summary>
    public static ITextTokenizer LoadTokenizer(ModelConfig model, ModelSource source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        if (model.Tokenizer is { } named) return TokenizerFactory.Load(named);
        if (source.Preset is { } preset) return TokenizerFactory.FromName(preset.TokenizerName);
        return TokenizerFactory.FromDirectory(source.Directory
            ?? throw new InvalidOperationException($"model '{model.Name}' has neither a preset nor a directory to read a tokenizer from"));
    }

    /// <summary>The untrained base model of the config (stage 0), in eval mode.</summary>
    /// <param name="hub">Downloads hub ids; none: a hub id is then an error.</param>
    public static async Task<StudyModel> BuildBaseAsync(StudyConfig config, IModelDownloader? hub = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var source = await ModelSource.ResolveAsync(config.Model.Name, hub, cancellationToken).ConfigureAwait(false);
        var target = ComputeTarget.For(config);
        // Every model of a study is built here: the allocator learns the model's size before its weights arrive.
        TorchProcess.ConfigureFor(source.Architecture(), target.ScalarType);
        var model = ModelFactory.Load(source, target.ScalarType, target.Device, FourBitSpec.For(config.Model, target.ScalarType));
        try
        {
            var tokenizer = LoadTokenizer(config.Model, source);
            if (tokenizer.VocabSize > model.Config.VocabSize)
            {
                throw new ArgumentException(
                    $"model.tokenizer: the tokenizer has {tokenizer.VocabSize} ids but model '{config.Model.Name}' has a vocabulary of {model.Config.VocabSize}");
            }

            model.eval();
            return new StudyModel(source, model, tokenizer);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The base model with the trained weights of stage checkpoints applied, in eval mode.
    /// <paramref name="checkpoints"/> lists the final checkpoints of the stages in order (stage 1, then stage 2), as
    /// far as the model has been trained; empty = the base. Full fine-tuning: the last checkpoint holds every weight.
    /// LoRA <c>continue</c>: the last checkpoint's adapters. LoRA <c>merge_and_new</c>: each earlier stage's adapters are
    /// loaded and merged into the base, then the last stage's adapters are loaded on top, as training built them.
    /// Every checkpoint is verified (manifest sizes and SHA-256) before anything is read.
    /// </summary>
    public static async Task<StudyModel> BuildTrainedAsync(
        StudyConfig config, IReadOnlyList<string> checkpoints, IModelDownloader? hub = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var built = await BuildBaseAsync(config, hub, cancellationToken).ConfigureAwait(false);
        try
        {
            ApplyCheckpoints(config, built.Model, checkpoints);
            built.Model.eval();
            return built;
        }
        catch
        {
            built.Dispose();
            throw;
        }
    }

    /// <summary>
    /// LoRA <c>merge_and_new</c> builds stage 2 on the base with stage 1's adapters merged into it, so a stage-2 model,
    /// to train or to evaluate, needs stage 1's final checkpoint; without it the model would silently be another
    /// one. The one home of that rule: training (<see cref="StageRunner"/>) and evaluation (<see cref="ApplyCheckpoints"/>)
    /// both call it.
    /// </summary>
    /// <exception cref="CheckpointException">Stage 2 under merge_and_new without stage 1's checkpoint.</exception>
    public static void RequireStage1Checkpoint(StudyConfig config, int stage, bool hasStage1Checkpoint)
    {
        if (stage == 2 && !hasStage1Checkpoint && Stage2NeedsStage1Checkpoint(config))
        {
            throw new CheckpointException(
                "model.lora_stage2_mode is merge_and_new: stage 2 is built on the base with stage 1's adapters merged into it, " +
                "but stage 1's final checkpoint is not available to this run");
        }
    }

    /// <summary>True under LoRA merge_and_new (<see cref="RequireStage1Checkpoint"/>).</summary>
    public static bool Stage2NeedsStage1Checkpoint(StudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Model.UseLora && config.Model.LoraStage2Mode == LoraStage2Mode.MergeAndNew;
    }

    /// <summary>Applies <paramref name="checkpoints"/> to a base model (see <see cref="BuildTrainedAsync"/>).</summary>
    public static void ApplyCheckpoints(StudyConfig config, LlamaForCausalLM model, IReadOnlyList<string> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (checkpoints.Count == 0) return;
        var loaded = checkpoints.Select(StageCheckpoint.Load).ToArray();
        RequireStage1Checkpoint(config, loaded[^1].State.Stage, loaded.Any(c => c.State.Stage == 1));
        foreach (var checkpoint in loaded)
        {
            if (checkpoint.State.Lora != config.Model.UseLora)
            {
                throw new CheckpointException(
                    $"checkpoint '{checkpoint.Directory}' is {(checkpoint.State.Lora ? "a LoRA" : "a full fine-tuning")} checkpoint but model.use_lora is {config.Model.UseLora.ToString().ToLowerInvariant()}");
            }
        }

        if (!config.Model.UseLora)
        {
            LlamaCheckpoint.LoadWeights(model, loaded[^1].Directory);
            return;
        }

        if (config.Model.LoraStage2Mode == LoraStage2Mode.MergeAndNew)
        {
            foreach (var earlier in loaded.SkipLast(1))
            {
                PeftAdapterFormat.Load(model, earlier.Directory);
                LoraAdapters.MergeAndUnload(model);
            }
        }

        PeftAdapterFormat.Load(model, loaded[^1].Directory);
    }
}
