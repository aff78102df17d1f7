using ForgetCloud.Contracts;
using ForgetCloud.Learning.Devices;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Quantization;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Cli.Loading;

/// <summary>
/// Turns a <see cref="ModelRequest"/> into a ready <see cref="LoadedModel"/>: resolves the source (preset, directory or
/// hub id), builds the model in the requested dtype, loads the tokenizer that belongs to it (a preset names its
/// tokenizer; a directory carries its own files) and applies the adapter. Errors name what the user typed.
/// </summary>
public sealed class ModelLoader(CliServices services)
{
    public async Task<LoadedModel> LoadAsync(ModelRequest request, CancellationToken cancel = default)
    {
        // First: a missing CUDA device is one clear error, with nothing downloaded or loaded.
        var target = ComputeTarget.Resolve(request.Device, request.Dtype);
        if (target.Warning is { } warning) services.Error.WriteLine($"warning: {warning}");
        var source = await ResolveAsync(request.Model, cancel).ConfigureAwait(false);
        var fourBit = request.FourBit is { } quantType ? new FourBitSpec(quantType, request.DoubleQuant, target.ScalarType) : null;
        var model = ModelFactory.Load(source, target.ScalarType, target.Device, fourBit);
        try
        {
            var tokenizer = source.Preset is { } preset
                ? TokenizerFactory.FromName(preset.TokenizerName)
                : TokenizerFactory.FromDirectory(source.Directory!);
            if (tokenizer.VocabSize > model.Config.VocabSize)
                throw new CliException($"model '{request.Model}': its tokenizer has {tokenizer.VocabSize} ids but the model's vocab_size is {model.Config.VocabSize}");
            var adapter = request.Adapter is null ? null : ApplyAdapter(model, request.Adapter);
            // Inference only: eval mode switches LoRA dropout off.
            model.eval();
            return new LoadedModel(source, model, tokenizer, adapter);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private async Task<ModelSource> ResolveAsync(string spec, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new CliException("--model is empty: give a preset name, a model directory or a hub id (owner/name)");
        if (ModelPresets.TryGet(spec, out _) || Directory.Exists(spec) || ModelSource.IsHubId(spec))
            return await ModelSource.ResolveAsync(spec, ModelSource.IsHubId(spec) && !Directory.Exists(spec) ? services.Hub() : null, cancel).ConfigureAwait(false);
        if (LooksLikePath(spec))
            throw new CliException(File.Exists(spec) ? $"model '{spec}' is a file; give the model's directory" : $"model directory '{spec}' does not exist");

        var presets = ModelPresets.All.Select(p => p.Name).ToList();
        var hint = NameSuggestion.Nearest(spec, presets) is { } near ? $"; did you mean '{near}'?" : "";
        throw new CliException($"unknown model '{spec}': not a preset ({string.Join(", ", presets)}), an existing directory or a hub id (owner/name){hint}");
    }

    private static LoraConfig ApplyAdapter(LlamaForCausalLM model, string directory)
    {
        if (!Directory.Exists(directory))
            throw new CliException(File.Exists(directory) ? $"adapter '{directory}' is a file; give the adapter's directory" : $"adapter directory '{directory}' does not exist");
        return PeftAdapterFormat.Load(model, directory);
    }

    private static bool LooksLikePath(string spec) =>
        spec.Contains('/') || spec.Contains('\\') || spec.StartsWith('.') || spec.StartsWith('~');
}
