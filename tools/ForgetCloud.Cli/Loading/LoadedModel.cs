using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Cli.Loading;

/// <summary>A model in eval mode with its tokenizer and, when one was applied, the adapter's config.</summary>
public sealed record LoadedModel(ModelSource Source, LlamaForCausalLM Model, ITextTokenizer Tokenizer, LoraConfig? Adapter) : IDisposable
{
    /// <summary>The ids that end generation: the model's EOS ids plus the tokenizer's.</summary>
    public IReadOnlyList<int> EosTokenIds => Model.Config.EosTokenIds.Append(Tokenizer.EosTokenId).Distinct().ToList();

    public void Dispose() => Model.Dispose();
}
