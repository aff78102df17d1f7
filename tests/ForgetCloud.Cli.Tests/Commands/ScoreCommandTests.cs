using System.Globalization;
using ForgetCloud.Cli.Tests.TestSupport;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Quantization;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Cli.Tests.Commands;

public sealed class ScoreCommandTests
{
    private const string Text = "The cat sat on the mat.";

    [Fact]
    public async Task Json_for_text_equals_the_scorer_and_a_naive_log_softmax()
    {
        var run = await InProcessCli.RunAsync("score", "--model", "smoke", "--text", Text, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var (tokens, logProbs, meanNll) = Reference.ParseScoreJson(run.Output);
        var tokenizer = TokenizerFactory.FromName(ModelPresets.Smoke.TokenizerName);
        Assert.Null(tokenizer.BosTokenId); // GPT-2 style: the text's own tokens, nothing prepended
        Assert.Equal(tokenizer.Encode(Text), tokens);

        using var model = ModelFactory.Create(ModelPresets.Smoke);
        var expected = SequenceScorer.Score(model, tokens);
        Assert.Equal(expected.LogProbs, logProbs); // "R" formatting round-trips exactly
        Assert.Equal(expected.MeanNll, meanNll);

        var naive = Reference.NaiveLogProbs(model, tokens);
        for (var i = 0; i < naive.Length; i++) Assert.Equal(naive[i], logProbs[i], 1e-5);
        Assert.Equal(-naive.Average(), meanNll, 1e-5);
    }

    [Fact]
    public async Task Token_ids_are_scored_as_given()
    {
        int[] ids = [5, 9, 300, 511, 0];
        var run = await InProcessCli.RunAsync("score", "--model", "smoke", "--token-ids", "5, 9,300,511,0", "--json");

        Assert.Equal(0, run.ExitCode);
        var (tokens, logProbs, meanNll) = Reference.ParseScoreJson(run.Output);
        Assert.Equal(ids, tokens);
        using var model = ModelFactory.Create(ModelPresets.Smoke);
        var naive = Reference.NaiveLogProbs(model, ids);
        Assert.Equal(4, logProbs.Length);
        for (var i = 0; i < naive.Length; i++) Assert.Equal(naive[i], logProbs[i], 1e-5);
        Assert.Equal(-logProbs.Average(), meanNll, 1e-12);
    }

    [Fact]
    public async Task Table_lists_every_token_then_mean_nll_and_perplexity()
    {
        var json = Reference.ParseScoreJson((await InProcessCli.RunAsync("score", "--model", "smoke", "--text", Text, "--json")).Output);
        var run = await InProcessCli.RunAsync("score", "--model", "smoke", "--text", Text);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(json.Tokens.Length + 3, lines.Length); // header, one row per token, mean NLL, perplexity
        Assert.Equal(["pos", "token", "id", "logprob"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var tokenizer = TokenizerFactory.FromName(ModelPresets.Smoke.TokenizerName);
        for (var i = 0; i < json.Tokens.Length; i++)
        {
            var cells = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(json.Tokens[i].ToString(CultureInfo.InvariantCulture), cells[^2]);
            Assert.Contains($"\"{tokenizer.Decode([json.Tokens[i]])}\"", lines[i + 1]);
            if (i == 0) Assert.Equal("-", cells[^1]);
            else Assert.Equal(json.LogProbs[i - 1], double.Parse(cells[^1], CultureInfo.InvariantCulture), 5e-5);
        }
        Assert.Equal($"mean NLL: {json.MeanNll.ToString("F4", CultureInfo.InvariantCulture)} nats/token over {json.LogProbs.Length} predicted tokens", lines[^2]);
        Assert.Equal($"perplexity: {Math.Exp(json.MeanNll).ToString("F2", CultureInfo.InvariantCulture)}", lines[^1]);
    }

    [Fact]
    public async Task Bf16_scores_stay_close_to_fp32()
    {
        var fp32 = Reference.ParseScoreJson((await InProcessCli.RunAsync("score", "--model", "smoke", "--text", Text, "--json")).Output);
        var bf16Run = await InProcessCli.RunAsync("score", "--model", "smoke", "--text", Text, "--json", "--dtype", "bf16");

        Assert.Equal(0, bf16Run.ExitCode);
        var bf16 = Reference.ParseScoreJson(bf16Run.Output);
        Assert.Equal(fp32.Tokens, bf16.Tokens);
        Assert.NotEqual(fp32.LogProbs, bf16.LogProbs); // really ran in another precision
        // Random init with std 0.02 gives near-uniform predictions (about ln 512 = 6.24 nats); bf16 keeps ~3 digits.
        for (var i = 0; i < fp32.LogProbs.Length; i++) Assert.Equal(fp32.LogProbs[i], bf16.LogProbs[i], 0.1);
    }

    [Fact]
    public async Task Load_in_4bit_scores_with_the_quantized_projections()
    {
        var run = await InProcessCli.RunAsync("score", "--model", "smoke", "--text", Text, "--json", "--load-in-4bit", "--bnb-4bit-quant-type", "fp4");

        Assert.Equal(0, run.ExitCode);
        var (tokens, logProbs, _) = Reference.ParseScoreJson(run.Output);
        using var model = ModelFactory.Create(ModelPresets.Smoke, fourBit: new FourBitSpec(FourBitQuantType.Fp4, DoubleQuant: false, TorchSharp.torch.ScalarType.Float32));
        Assert.Equal(SequenceScorer.Score(model, tokens).LogProbs, logProbs);
        using var full = ModelFactory.Create(ModelPresets.Smoke);
        Assert.NotEqual(SequenceScorer.Score(full, tokens).LogProbs, logProbs);
    }

    [Fact]
    public async Task Quant_options_without_load_in_4bit_are_an_error()
    {
        var run = await InProcessCli.RunAsync("score", "--model", "smoke", "--text", Text, "--bnb-4bit-use-double-quant");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("need --load-in-4bit", run.Error);
    }

    [Fact]
    public async Task Device_cuda_without_cuda_is_one_error_and_exit_1()
    {
        var run = await InProcessCli.RunAsync("score", "--model", "smoke", "--text", Text, "--device", "cuda");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: device cuda: CUDA is not available here", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
