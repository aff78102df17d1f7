using TorchSharp.Modules;

namespace ForgetCloud.Learning.Modeling;

/// <summary>A parameter with its Hugging Face state-dict name and its kind.</summary>
public sealed record NamedParameter(string Name, Parameter Parameter, ParameterKind Kind);
