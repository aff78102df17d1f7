using System.CommandLine;
using static TorchSharp.torch;

namespace ForgetCloud.Cli.Loading;

/// <summary>
/// The options every model-using command shares (<c>--model</c>, <c>--adapter</c>, <c>--dtype</c>); a command creates
/// one instance, adds it with <see cref="AddTo"/> and turns a parse result into a <see cref="ModelRequest"/>.
/// </summary>
public sealed class ModelOptions
{
    public const string Fp32 = "fp32";
    public const string Bf16 = "bf16";

    public Option<string> Model { get; } = new("--model", "-m")
    {
        Description = "A preset (smoke, tiny), a Hugging Face model directory, or a hub id (owner/name)",
        Required = true,
    };

    public Option<string?> Adapter { get; } = new("--adapter")
    {
        Description = "A PEFT LoRA adapter directory (adapter_config.json + adapter_model.safetensors) to apply",
    };

    public Option<string> DType { get; } = CreateDType();

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Adapter);
        command.Options.Add(DType);
    }

    public ModelRequest Read(ParseResult parse) => new(
        parse.GetRequiredValue(Model),
        parse.GetValue(Adapter),
        parse.GetRequiredValue(DType) == Bf16 ? ScalarType.BFloat16 : ScalarType.Float32);

    private static Option<string> CreateDType()
    {
        var option = new Option<string>("--dtype")
        {
            Description = "Weights and activations: fp32, or bf16 (LoRA factors stay fp32)",
            DefaultValueFactory = _ => Fp32,
        };
        option.AcceptOnlyFromAmong(Fp32, Bf16);
        return option;
    }
}
