namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// How <c>model.name</c> is read (<c>model.source</c>). The file may say <c>auto</c>; the loader resolves it to one
/// of these, so a loaded config always holds a concrete kind.
/// </summary>
public enum ModelSourceKind
{
    /// <summary><c>preset</c>: a named architecture with seeded random initialization (e.g. <c>tiny</c>, <c>smoke</c>).</summary>
    Preset,

    /// <summary><c>local</c>: a directory with a Hugging Face <c>config.json</c> and safetensors weights.</summary>
    Local,

    /// <summary><c>hub</c>: a Hugging Face hub id (e.g. <c>meta-llama/Llama-3.2-1B</c>), downloaded into a cache.</summary>
    Hub,
}
