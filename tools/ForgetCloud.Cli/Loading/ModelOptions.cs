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

    public Option<bool> LoadIn4Bit { get; } = new("--load-in-4bit")
    {
        Description = "Store the decoder projections in 4 bits and dequantize them per matmul (QLoRA's base; compute in --dtype)",
    };

    public Option<string> QuantType { get; } = CreateQuantType();

    public Option<bool> DoubleQuant { get; } = new("--bnb-4bit-use-double-quant")
    {
        Description = "With --load-in-4bit: quantize the per-block absmax constants too (8 bits per block of 256)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Adapter);
        command.Options.Add(DType);
        command.Options.Add(Device);
        command.Options.Add(LoadIn4Bit);
        command.Options.Add(QuantType);
        command.Options.Add(DoubleQuant);
    }

    public ModelRequest Read(ParseResult parse)
    {
        var device = parse.GetRequiredValue(Device);
        if (!DeviceSpec.TryParse(device, out var spec)) throw new CliException($"--device must be {DeviceSpec.Forms} (got '{device}')");
        var dtype = parse.GetRequiredValue(DType) switch { Bf16 => Precision.Bf16, Auto => Precision.Auto, _ => Precision.Fp32 };
        var loadIn4Bit = parse.GetValue(LoadIn4Bit);
        var quantType = parse.GetRequiredValue(QuantType);
        if (!loadIn4Bit && (parse.GetResult(QuantType) is { Implicit: false } || parse.GetValue(DoubleQuant)))
            throw new CliException("--bnb-4bit-quant-type and --bnb-4bit-use-double-quant need --load-in-4bit");
        ConfigNames.TryParseFourBitQuantType(quantType, out var fourBit);
        return new ModelRequest(parse.GetRequiredValue(Model), parse.GetValue(Adapter), spec, dtype,
            loadIn4Bit ? fourBit : null, parse.GetValue(DoubleQuant));
    }

    private static Option<string> CreateQuantType()
    {
        var option = new Option<string>("--bnb-4bit-quant-type")
        {
            Description = "With --load-in-4bit: the 4-bit codebook, nf4 (QLoRA's NormalFloat) or fp4",
            DefaultValueFactory = _ => "nf4",
        };
        option.AcceptOnlyFromAmong("nf4", "fp4");
        return option;
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
