using System.Text.Json;
using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Cli.Tests.TestSupport;

/// <summary>Expected values computed in the test, apart from the CLI.</summary>
public static class Reference
{
    /// <summary>log p(t_i | t_&lt;i) for i >= 1 from the raw logits, with a naive double-precision log-sum-exp.</summary>
    public static double[] NaiveLogProbs(LlamaForCausalLM model, IReadOnlyList<int> ids)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var logits = model.Forward(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0))[0].to_type(ScalarType.Float64);
        var rows = logits.data<double>().ToArray();
        var vocab = (int)logits.shape[1];
        var result = new double[ids.Count - 1];
        for (var t = 0; t < ids.Count - 1; t++)
        {
            var row = rows.AsSpan(t * vocab, vocab);
            var max = double.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, v);
            var sum = 0.0;
            foreach (var v in row) sum += Math.Exp(v - max);
            result[t] = row[ids[t + 1]] - max - Math.Log(sum);
        }
        return result;
    }

    /// <summary>The three fields of <c>score --json</c>; asserts the object has exactly those keys, logprobs[0] null.</summary>
    public static (int[] Tokens, double[] LogProbs, double MeanNll) ParseScoreJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["tokens", "logprobs", "mean_nll"], root.EnumerateObject().Select(p => p.Name));
        var tokens = root.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var logProbs = root.GetProperty("logprobs").EnumerateArray().ToList();
        Assert.Equal(tokens.Length, logProbs.Count);
        Assert.Equal(JsonValueKind.Null, logProbs[0].ValueKind);
        return (tokens, logProbs.Skip(1).Select(e => e.GetDouble()).ToArray(), root.GetProperty("mean_nll").GetDouble());
    }
}
