using System.Text.Json.Nodes;
using ForgetCloud.Cli.Tests.TestSupport;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Cli.Tests.Errors;

/// <summary>Every kind of bad input ends in one line "error: ..." on stderr, exit code 1 and no stack trace.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string[], string> ArgumentCases => new()
    {
        { ["score", "--model", "smok", "--text", "hi"], "unknown model 'smok'" },
        { ["score", "--model", "smok", "--text", "hi"], "did you mean 'smoke'?" },
        { ["score", "--model", "Tiny2", "--text", "hi"], "did you mean 'tiny'?" },
        { ["score", "--model", "smoke", "--token-ids", "1,x,3"], "--token-ids element 2 ('x') is not an integer" },
        { ["score", "--model", "smoke", "--token-ids", "1,,3"], "--token-ids element 2 ('') is empty" },
        { ["score", "--model", "smoke", "--token-ids", "4,5,1.5"], "--token-ids element 3 ('1.5') is not an integer" },
        { ["score", "--model", "smoke", "--token-ids", "4,-2"], "--token-ids element 2 ('-2') is negative" },
        { ["score", "--model", "smoke", "--token-ids", "4,99999999999"], "element 2 ('99999999999') is too large" },
        { ["score", "--model", "smoke", "--token-ids", "1,2,600"], "--token-ids element 3 (600) lies outside the vocabulary of model 'smoke' [0, 512)" },
        { ["score", "--model", "smoke", "--token-ids", "7"], "scoring needs at least 2" },
        { ["score", "--model", "smoke", "--text", "a"], "--text encodes to 1 token(s) (64)" },
        { ["score", "--model", "smoke", "--text", "hi", "--token-ids", "1,2"], "give either --text or --token-ids, not both" },
        { ["score", "--model", "smoke"], "give what to score: --text" },
        { ["score", "--text", "hi"], "--model" },
        { ["score", "--model", "smoke", "--text", "hi", "--dtype", "fp16"], "'fp16'" },
        { ["score", "--model", "smoke", "--text", "hi", "--bogus"], "'--bogus'" },
        { ["generate", "--model", "smoke", "--prompt", "x", "--max-new-tokens", "0"], "--max-new-tokens must be at least 1 (got 0)" },
        { ["generate", "--model", "smoke", "--prompt", "x", "--max-new-tokens", "300"], "exceed max_position_embeddings 256" },
        { ["generate", "--model", "smoke"], "--prompt" },
        { ["generate", "--model", "smoke", "--prompt", "x", "--max-new-tokens", "many"], "Cannot parse argument 'many' for option '--max-new-tokens'" },
        { ["scor"], "unknown command 'scor'; did you mean 'score'?" },
        { [], "no command given; available: score, generate" },
        { ["score", "--model", "/nonexistent/forgetcloud/model", "--text", "hi"], "model directory '/nonexistent/forgetcloud/model' does not exist" },
        { ["score", "--model", "smoke", "--text", "hi", "--adapter", "/nonexistent/adapter"], "adapter directory '/nonexistent/adapter' does not exist" },
    };

    [Theory]
    [MemberData(nameof(ArgumentCases))]
    public async Task Bad_arguments_give_one_error_line(string[] args, string expected)
    {
        var line = (await InProcessCli.RunAsync(args)).AssertOneLineError();
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task Hub_id_offline_names_the_id_and_the_reason()
    {
        var line = (await InProcessCli.RunAsync("score", "--model", "meta-llama/Llama-3.2-1B", "--text", "hi")).AssertOneLineError();
        Assert.Contains("'meta-llama/Llama-3.2-1B'", line);
        Assert.Contains("cannot reach 127.0.0.1", line);
    }

    [Fact]
    public async Task Model_directory_without_config_json()
    {
        using var dir = new TempDirectory();
        var line = (await InProcessCli.RunAsync("score", "--model", dir.Path, "--text", "hi")).AssertOneLineError();
        Assert.Contains($"model directory '{dir.Path}' has no config.json", line);
    }

    [Fact]
    public async Task Model_directory_with_unreadable_config_json()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Sub("config.json"), "{ \"hidden_size\": 64,", TestContext.Current.CancellationToken);
        var line = (await InProcessCli.RunAsync("score", "--model", dir.Path, "--text", "hi")).AssertOneLineError();
        Assert.Contains("config.json", line);
    }

    [Fact]
    public async Task Checkpoint_whose_tensors_do_not_fit_its_config_lists_the_wrong_shapes()
    {
        using var dir = new TempDirectory();
        using (var model = ModelFactory.Create(ModelPresets.Smoke)) LlamaCheckpoint.Save(model, dir.Path);
        var configPath = dir.Sub("config.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath, TestContext.Current.CancellationToken))!;
        config["intermediate_size"] = 160; // the saved MLP weights are 172 wide
        await File.WriteAllTextAsync(configPath, config.ToJsonString(), TestContext.Current.CancellationToken);

        var line = (await InProcessCli.RunAsync("score", "--model", dir.Path, "--token-ids", "1,2")).AssertOneLineError();
        Assert.Contains("does not fit its config", line);
        Assert.Contains("model.layers.0.mlp.gate_proj.weight", line);
    }

    [Fact]
    public async Task Model_directory_without_tokenizer_files()
    {
        using var dir = new TempDirectory();
        using (var model = ModelFactory.Create(ModelPresets.Smoke)) LlamaCheckpoint.Save(model, dir.Path);
        var line = (await InProcessCli.RunAsync("score", "--model", dir.Path, "--token-ids", "1,2")).AssertOneLineError();
        Assert.Contains("tokenizer.json", line);
    }

    [Fact]
    public async Task Adapter_directory_without_its_files()
    {
        using var dir = new TempDirectory();
        var noConfig = (await InProcessCli.RunAsync("score", "--model", "smoke", "--text", "hi", "--adapter", dir.Path)).AssertOneLineError();
        Assert.Contains("has no adapter_config.json", noConfig);

        var config = new LoraConfig { Rank = 2, TargetModules = ["q_proj"] };
        using (var model = ModelFactory.Create(ModelPresets.Smoke))
        {
            LoraAdapters.Apply(model, config, seed: 1);
            PeftAdapterFormat.Save(model, config, dir.Path);
        }
        File.Delete(Path.Combine(dir.Path, PeftAdapterFormat.WeightsFile));
        var noWeights = (await InProcessCli.RunAsync("score", "--model", "smoke", "--text", "hi", "--adapter", dir.Path)).AssertOneLineError();
        Assert.Contains("has no adapter_model.safetensors", noWeights);
    }

    [Fact]
    public async Task Adapter_for_another_architecture_names_the_wrong_shapes()
    {
        using var dir = new TempDirectory();
        var config = new LoraConfig { Rank = 2, TargetModules = ["q_proj"] };
        using (var tiny = ModelFactory.Create(ModelPresets.Tiny))
        {
            LoraAdapters.Apply(tiny, config, seed: 1);
            PeftAdapterFormat.Save(tiny, config, dir.Path);
        }
        var line = (await InProcessCli.RunAsync("score", "--model", "smoke", "--text", "hi", "--adapter", dir.Path)).AssertOneLineError();
        Assert.Contains("does not fit the model", line);
    }
}
