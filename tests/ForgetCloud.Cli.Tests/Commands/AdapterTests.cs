using ForgetCloud.Cli.Tests.TestSupport;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Cli.Tests.Commands;

public sealed class AdapterTests
{
    private const string Text = "LoRA adapters change the scores.";
    private static readonly LoraConfig Config = new() { Rank = 4, Alpha = 8, Dropout = 0.5, TargetModules = ["q_proj", "v_proj", "down_proj"] };

    [Fact]
    public async Task Adapter_at_initialization_scores_like_the_base_and_a_trained_B_changes_the_scores()
    {
        using var dir = new TempDirectory();
        using var model = ModelFactory.Create(ModelPresets.Smoke);
        LoraAdapters.Apply(model, Config, seed: 7);
        PeftAdapterFormat.Save(model, Config, dir.Path);

        var baseRun = Reference.ParseScoreJson((await InProcessCli.RunAsync("score", "--model", "smoke", "--text", Text, "--json")).Output);
        var initRun = await InProcessCli.RunAsync("score", "--model", "smoke", "--adapter", dir.Path, "--text", Text, "--json");
        Assert.Equal(0, initRun.ExitCode);
        Assert.Equal(baseRun.LogProbs, Reference.ParseScoreJson(initRun.Output).LogProbs); // B = 0: exactly the base

        // "Train" B: any non-zero values; the CLI must then give the adapted model's scores, not the base's.
        using (no_grad())
        {
            var generator = new Generator(99);
            foreach (var (_, _, linear) in LoraAdapters.Adapted(model))
                linear.Lora!.B.Weight.copy_(randn(linear.Lora.B.Weight.shape, generator: generator).mul_(0.5));
        }
        PeftAdapterFormat.Save(model, Config, dir.Path);
        var trainedRun = await InProcessCli.RunAsync("score", "--model", "smoke", "--adapter", dir.Path, "--text", Text, "--json");

        Assert.Equal(0, trainedRun.ExitCode);
        var trained = Reference.ParseScoreJson(trainedRun.Output);
        Assert.Equal(baseRun.Tokens, trained.Tokens);
        Assert.True(baseRun.LogProbs.Zip(trained.LogProbs).Max(p => Math.Abs(p.First - p.Second)) > 1e-3,
            "scores with a non-zero B should differ from the base model's");
        model.eval(); // dropout 0.5 in the config must not apply when scoring
        var naive = Reference.NaiveLogProbs(model, trained.Tokens);
        for (var i = 0; i < naive.Length; i++) Assert.Equal(naive[i], trained.LogProbs[i], 1e-5);
    }
}
