using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Execution;

/// <summary>A model built for a study, with the tokenizer that belongs to it. Disposing it frees the model.</summary>
/// <param name="Source">Where the base weights came from (preset, directory or hub download).</param>
/// <param name="Model">The model in the config's dtype, in eval mode.</param>
/// <param name="Tokenizer">The model's tokenizer (or <c>model.tokenizer</c> when the config names one).</param>
public sealed record StudyModel(ModelSource Source, LlamaForCausalLM Model, ITextTokenizer Tokenizer) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
