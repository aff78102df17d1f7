using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Evaluation;

/// <summary>The smoke preset with its tokenizer, and small hand-written test items.</summary>
internal static class EvaluationFixtures
{
    private static readonly Lazy<ITextTokenizer> SmokeTokenizer = new(() => TokenizerFactory.FromName(ModelPresets.Smoke.TokenizerName));

    public static ITextTokenizer Tokenizer => SmokeTokenizer.Value;

    public static LlamaForCausalLM SmokeModel() => ModelFactory.Create(ModelPresets.Smoke);

    public static EvaluationOptions Options(int batchSize = 3, int maxNewTokens = 6) => new()
    {
        BatchSize = batchSize,
        MaxNewTokens = maxNewTokens,
    };

    /// <summary>GSM8K items of different lengths (so batches mix lengths); answers end in "#### N" as published.</summary>
    public static IReadOnlyList<Gsm8kExample> Gsm8k(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var question = $"Tom has {i + 2} apples{string.Concat(Enumerable.Repeat(" and a pear", i % 4))}. How many apples?";
            var answer = $"He has {i + 2} apples{(i % 2 == 0 ? " because he counts them" : "")}.\n#### {i + 2}";
            return new Gsm8kExample($"gsm8k-test-{i}", question, answer, $"{i + 2}");
        }),
    ];

    public static IReadOnlyList<AquaRatExample> AquaRat(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new AquaRatExample(
            $"aqua_rat-test-{i}",
            $"What is {i} plus {i % 3}?{string.Concat(Enumerable.Repeat(" Think.", i % 3))}",
            [
                new AquaRatOption('A', $"{i + i % 3}"), new AquaRatOption('B', "7"), new AquaRatOption('C', "twelve"),
                new AquaRatOption('D', "1/2"), new AquaRatOption('E', "none of these"),
            ],
            $"{i} + {i % 3} = {i + i % 3}",
            "ABCDE"[i % 5])),
    ];

    /// <summary>Every parameter and buffer, cloned, by state-dict name.</summary>
    public static Dictionary<string, Tensor> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    public static long[] Ids(IEnumerable<int> ids) => [.. ids.Select(i => (long)i)];
}
