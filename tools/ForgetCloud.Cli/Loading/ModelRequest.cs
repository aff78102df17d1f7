using static TorchSharp.torch;

namespace ForgetCloud.Cli.Loading;

/// <summary>What to load: the <c>--model</c> spec, an optional adapter directory and the weights' dtype.</summary>
public sealed record ModelRequest(string Model, string? Adapter, ScalarType DType);
