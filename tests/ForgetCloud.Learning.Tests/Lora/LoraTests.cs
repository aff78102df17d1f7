using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Serialization;
using ForgetCloud.Learning.Tests.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Lora;

public sealed class LoraTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lora-").FullName;
    private static readonly LoraConfig Config = new() { Rank = 2, Alpha = 6, Dropout = 0, TargetModules = ["q_proj", "v_proj", "down_proj"], BaseModelNameOrPath = "smoke" };

    private static void Randomize(LlamaForCausalLM model)
    {
        // Non-zero B so the adapter changes the output.
        var g = new Generator(99);
        using var noGrad = no_grad();
        foreach (var (_, _, linear) in LoraAdapters.Adapted(model))
            linear.Lora!.B.Weight.copy_(randn(linear.Lora.B.Weight.shape, generator: g) * 0.5);
    }

    [Fact]
    public void AtInitializationTheAdaptedModelEqualsTheBaseAndOnlyAdaptersTrain()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 2));
        using var ids = TinyModels.Ids(1, 2, 3, 4, 5);
        var before = TinyModels.Values(model.Forward(ids));
        LoraAdapters.Apply(model, Config, seed: 3);
        Assert.Equal(before, TinyModels.Values(model.Forward(ids)));

        var trainable = TrainableParameters.List(model);
        Assert.Equal(2 * 3 * 2, trainable.Count);
        Assert.All(trainable, p => Assert.Matches(@"\.lora_[AB]\.weight$", p.Name));
        Assert.Contains(trainable, p => p.Name == "model.layers.1.mlp.down_proj.lora_A.weight");
        var a = model.Projections().First(p => p.Path == "model.layers.0.self_attn.q_proj").Linear.Lora!.A.Weight;
        var bound = 1 / Math.Sqrt(8);
        Assert.All(TinyModels.Values(a), v => Assert.InRange(v, -bound, bound));
        Assert.Contains(TinyModels.Values(a), v => v != 0);
    }

    [Fact]
    public void ForwardAddsScaledLowRankUpdateAndMergeMatchesIt()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 1));
        using var ids = TinyModels.Ids(1, 2, 3, 4, 5);
        LoraAdapters.Apply(model, Config, seed: 3);
        Randomize(model);
        var linear = model.Projections().First(p => p.Kind == "q_proj").Linear;
        using var x = randn(3, 8);
        // Independently: x (W + scale * B A)^T with scale = 6 / 2.
        using var expected = x.matmul((linear.Weight + 3.0 * linear.Lora!.B.Weight.matmul(linear.Lora.A.Weight)).t());
        using var direct = linear.forward(x);
        Assert.True(direct.allclose(expected, rtol: 1e-5, atol: 1e-6));

        var unmerged = TinyModels.Values(model.Forward(ids));
        var baseWeight = TinyModels.Values(linear.Weight);
        LoraAdapters.Merge(model);
        var merged = TinyModels.Values(model.Forward(ids));
        for (var i = 0; i < unmerged.Length; i++) Assert.Equal(unmerged[i], merged[i], 1e-4);
        LoraAdapters.Unmerge(model);
        var restored = TinyModels.Values(linear.Weight);
        for (var i = 0; i < baseWeight.Length; i++) Assert.Equal(baseWeight[i], restored[i], 1e-6);
        Assert.Throws<InvalidOperationException>(() => LoraAdapters.Unmerge(model));
    }

    [Fact]
    public void PeftSaveWritesPeftKeysShapesAndConfigAndLoadsBack()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 2));
        LoraAdapters.Apply(model, Config, seed: 3);
        Randomize(model);
        PeftAdapterFormat.Save(model, Config, _dir);

        using (var reader = SafetensorsReader.Open(Path.Combine(_dir, "adapter_model.safetensors")))
        {
            Assert.Equal(12, reader.Tensors.Count);
            Assert.Equal([2L, 8L], reader.Info("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").Shape);
            Assert.Equal([8L, 2L], reader.Info("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight").Shape);
            Assert.Equal([4L, 2L], reader.Info("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight").Shape); // 1 kv head x 4
            Assert.Equal([2L, 12L], reader.Info("base_model.model.model.layers.1.mlp.down_proj.lora_A.weight").Shape);
        }
        var json = File.ReadAllText(Path.Combine(_dir, "adapter_config.json"));
        foreach (var fragment in new[] { "\"peft_type\": \"LORA\"", "\"task_type\": \"CAUSAL_LM\"", "\"r\": 2", "\"lora_alpha\": 6", "\"bias\": \"none\"", "\"fan_in_fan_out\": false", "\"base_model_name_or_path\": \"smoke\"" })
            Assert.Contains(fragment, json);

        using var fresh = TinyModels.Create(TinyModels.Config(layers: 2));
        var loadedConfig = PeftAdapterFormat.Load(fresh, _dir);
        Assert.Equal(Config.TargetModules.Order(), loadedConfig.TargetModules.Order());
        using var ids = TinyModels.Ids(7, 3, 9);
        Assert.Equal(TinyModels.Values(model.Forward(ids)), TinyModels.Values(fresh.Forward(ids)));
    }

    [Theory]
    [InlineData("rank_pattern", "{\"q_proj\": 8}")]
    [InlineData("alpha_pattern", "{\"model.layers.0.self_attn.v_proj\": 4}")]
    public void NonEmptyRankOrAlphaPatternsAreRejectedNotMisScaled(string key, string pattern)
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 1));
        LoraAdapters.Apply(model, Config, seed: 3);
        PeftAdapterFormat.Save(model, Config, _dir);
        var path = Path.Combine(_dir, "adapter_config.json");
        var json = File.ReadAllText(path);
        File.WriteAllText(path, json.Replace("\"revision\": null", $"\"revision\": null, \"{key}\": {pattern}"));
        var e = Assert.Throws<InvalidDataException>(() => PeftAdapterFormat.LoadConfig(_dir));
        Assert.Contains($"a non-empty {key}", e.Message);

        // PEFT writes empty patterns by default: those mean "r and lora_alpha everywhere" and load.
        File.WriteAllText(path, json.Replace("\"revision\": null", $"\"revision\": null, \"{key}\": {{}}"));
        Assert.Equal(Config.Rank, PeftAdapterFormat.LoadConfig(_dir).Rank);
    }

    [Fact]
    public void AMergeAndNewAdapterRecordsThatItNeedsTheMergedBase()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 1));
        LoraAdapters.Apply(model, Config, seed: 3);
        Randomize(model);
        var stage1 = Path.Combine(_dir, "stage1");
        PeftAdapterFormat.Save(model, Config, stage1);
        LoraAdapters.MergeAndUnload(model);
        LoraAdapters.Apply(model, Config, seed: 4);
        Randomize(model);
        var stage2 = Path.Combine(_dir, "stage2");
        PeftAdapterFormat.Save(model, Config, stage2);

        Assert.Equal(0, PeftAdapterFormat.RequiredMergedAdapters(stage1));
        Assert.Equal(1, PeftAdapterFormat.RequiredMergedAdapters(stage2));
        Assert.Contains("\"merged_adapters_in_base\": 1", File.ReadAllText(Path.Combine(stage2, PeftAdapterFormat.BaseFile)));

        // On the plain base the stage-2 adapter is refused; after loading and merging stage 1 it reproduces the model.
        using var plain = TinyModels.Create(TinyModels.Config(layers: 1));
        var e = Assert.Throws<InvalidDataException>(() => PeftAdapterFormat.Load(plain, stage2));
        Assert.Contains("1 earlier LoRA adapter(s) merged", e.Message);
        using var rebuilt = TinyModels.Create(TinyModels.Config(layers: 1));
        PeftAdapterFormat.Load(rebuilt, stage1);
        LoraAdapters.MergeAndUnload(rebuilt);
        PeftAdapterFormat.Load(rebuilt, stage2);
        using var ids = TinyModels.Ids(7, 3, 9);
        var expected = TinyModels.Values(model.Forward(ids));
        var actual = TinyModels.Values(rebuilt.Forward(ids));
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5);
    }

    [Fact]
    public void LoadingAnAdapterThatDoesNotFitNamesTheTensors()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 2));
        LoraAdapters.Apply(model, Config, seed: 3);
        PeftAdapterFormat.Save(model, Config, _dir);
        using var smaller = TinyModels.Create(TinyModels.Config(layers: 1));
        var e = Assert.Throws<InvalidDataException>(() => PeftAdapterFormat.Load(smaller, _dir));
        Assert.Contains("unexpected: base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight", e.Message);

        using var wider = TinyModels.Create(TinyModels.Config(layers: 2) with { IntermediateSize = 16 });
        e = Assert.Throws<InvalidDataException>(() => PeftAdapterFormat.Load(wider, _dir));
        Assert.Contains("down_proj.lora_A.weight is [2, 12], expected [2, 16]", e.Message);

        File.WriteAllText(Path.Combine(_dir, "adapter_config.json"), "{\"peft_type\":\"IA3\"}");
        Assert.Contains("not LORA", Assert.Throws<InvalidDataException>(() => PeftAdapterFormat.LoadConfig(_dir)).Message);
        Assert.Throws<ArgumentException>(() => new LoraConfig { TargetModules = ["lm_head"] }.Validate());
    }

    [Fact]
    public void Without_lora_every_parameter_is_trainable_and_the_tied_embedding_is_listed_once()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 1, tied: true));
        var names = TrainableParameters.List(model).Select(p => p.Name).ToList();
        // embedding + final norm + one layer's 7 projections and 2 norms; the tied lm_head adds nothing
        Assert.Equal(1 + 1 + 7 + 2, names.Count);
        Assert.DoesNotContain("lm_head.weight", names);
        Assert.Contains("model.embed_tokens.weight", names);
        Assert.Contains("model.norm.weight", names);
        Assert.Contains("model.layers.0.mlp.up_proj.weight", names);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
