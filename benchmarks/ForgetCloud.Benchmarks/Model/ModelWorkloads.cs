using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Optimization;
using static TorchSharp.torch;

namespace ForgetCloud.Benchmarks.Model;

/// <summary>The two things the model suite measures on the tiny preset: a forward pass, and a full training step.</summary>
public static class ModelWorkloads
{
    public const string Inference = "inference";
    public const string Training = "training";

    public static ScalarType ParseDType(string name) => name switch
    {
        "fp32" => ScalarType.Float32,
        "bf16" => ScalarType.BFloat16,
        _ => throw new ArgumentException($"dtype '{name}' is not fp32 or bf16"),
    };

    /// <summary>Random token ids [batch, length] below the vocabulary size, from a fixed seed.</summary>
    public static Tensor RandomIds(LlamaConfig config, int batch, int length) =>
        randint(0, config.VocabSize, [batch, length], ScalarType.Int64, generator: new Generator(42));

    /// <summary>Parameters that take part in matmuls (a tied embedding once, as the output head): N in 2·N FLOPs per token.</summary>
    public static long MatmulParameters(LlamaForCausalLM model) =>
        model.parameters().Where(p => p.dim() == 2).Sum(p => p.numel());

    /// <summary>One no-grad forward pass producing the logits.</summary>
    public static void Forward(LlamaForCausalLM model, Tensor ids)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        model.Forward(ids);
    }

    /// <summary>Next-token cross-entropy, backward and an AdamW step over every parameter (full fine-tuning).</summary>
    public static void TrainingStep(LlamaForCausalLM model, ITrainingOptimizer optimizer, Tensor ids)
    {
        using var scope = NewDisposeScope();
        var length = ids.shape[1];
        var logits = model.Forward(ids).narrow(1, 0, length - 1);
        var targets = ids.narrow(1, 1, length - 1);
        var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1));
        loss.backward();
        optimizer.Step(1e-4);
        optimizer.ZeroGrad();
    }

    public static AdamWOptimizer FullAdamW(LlamaForCausalLM model) =>
        new(model.named_parameters().Select(p => (p.name, p.parameter)).ToList(), new AdamWOptions());
}
