using System.CommandLine;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Cli.Loading;

/// <summary>
/// The options every model-using command shares (<c>--model</c>, <c>--adapter</c>, <c>--dtype</c>); a command creates
/// one instance, adds it with <see cref="AddTo"/> and turns a parse result into a <see cref="ModelRequest"/>.
/// </summary>
public sealed class ModelOptions
{
    public const string Fp32 = "fp32";
    public const string Bf16 = "bf16";
    public const string Auto = "auto";

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

    public Option<string> Device { get; } = new("--device")
    {
        Description = $"Where to compute: {DeviceSpec.Forms}; auto = CUDA where there is one, else the CPU",
        DefaultValueFactory = _ => Auto,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Adapter);
        command.Options.Add(DType);
        command.Options.Add(Device);
    }

    public ModelRequest Read(ParseResult parse)
    {
        var device = parse.GetRequiredValue(Device);
        if (!DeviceSpec.TryParse(device, out var spec)) throw new CliException($"--device must be {DeviceSpec.Forms} (got '{device}')");
        var dtype = parse.GetRequiredValue(DType) switch { Bf16 => Precision.Bf16, Auto => Precision.Auto, _ => Precision.Fp32 };
        return new ModelRequest(parse.GetRequiredValue(Model), parse.GetValue(Adapter), spec, dtype);
    }

    private static Option<string> CreateDType()
    {
        var option = new Option<string>("--dtype")
        {
            Description = "Weights and activations: fp32, bf16 (LoRA factors stay fp32), or auto (bf16 where the hardware computes it natively)",
            DefaultValueFactory = _ => Fp32,
        };
        option.AcceptOnlyFromAmong(Fp32, Bf16, Auto);
        return option;
    }
}
