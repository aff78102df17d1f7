using System.Reflection;
using System.Text.Json;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Devices;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Reporting.History;

/// <summary>
/// The one way a study's <see cref="ExperimentMetadata"/> is made, by the CLI and by the Evaluator alike, so both
/// write the same fields. It reads this process's machine and versions: call it at the edge.
/// </summary>
public static class StudyMetadata
{
    /// <param name="architecture">The model's architecture (<see cref="ModelSource.Architecture"/>): parameter counts come
    /// from it, without loading weights.</param>
    public static ExperimentMetadata Create(
        StudyConfig config,
        string configRef,
        LlamaConfig architecture,
        IEnumerable<ArmSpec> arms,
        DateTimeOffset startTime,
        DateTimeOffset? endTime,
        IReadOnlyDictionary<string, double> stageDurationsSeconds)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(arms);
        var model = config.Model;
        var total = ParameterCount.Model(architecture);
        var lora = model.UseLora ? ParameterCount.Lora(architecture, model.LoraRank, model.TargetModules) : 0;
        return new ExperimentMetadata(
            ExperimentMetadata.CurrentSchemaVersion,
            startTime,
            endTime,
            JsonDocument.Parse(StudyConfigLoader.ToJson(config)).RootElement.Clone(),
            configRef,
            // PEFT's counts: with LoRA the adapters are part of the model and the only trainable weights.
            new ModelInfo(model.Name, total + lora, model.UseLora ? lora : total),
            [.. arms],
            Versions(),
            MachineInfo.Current(ComputeTarget.For(config).Summary),
            null,
            new SortedDictionary<string, double>(stageDurationsSeconds.ToDictionary(), StringComparer.Ordinal));
    }

    private static SortedDictionary<string, string> Versions() => new(StringComparer.Ordinal)
    {
        ["forgetcloud"] = typeof(StudyMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["dotnet"] = Environment.Version.ToString(),
    };
}
