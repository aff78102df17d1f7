using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Tests.Modeling;

public sealed class ParameterCountTests
{
    private static readonly string[] AllProjections = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    [Fact]
    public void Llama_3_2_1b_has_its_published_counts()
    {
        var config = LlamaConfig.Parse(File.ReadAllText(Path.Combine(TestSupport.TestPaths.RepositoryRoot, "benchmarks", "ForgetCloud.Benchmarks", "Scale", "llama-3.2-1b.config.json")));

        // Hugging Face: 1,235,814,400 parameters (tied embeddings); PEFT, r = 16 on all seven projections: 11,272,192 trainable.
        Assert.Equal(1_235_814_400L, ParameterCount.Model(config));
        Assert.Equal(11_272_192L, ParameterCount.Lora(config, 16, AllProjections));
    }

    [Theory]
    [InlineData("smoke")]
    [InlineData("tiny")]
    public void The_counts_match_the_built_model(string preset)
    {
        Assert.True(ModelPresets.TryGet(preset, out var p));
        using var model = ModelFactory.Create(p!);
        Assert.Equal(model.parameters().Sum(t => t.numel()), ParameterCount.Model(p!.Config));

        LoraAdapters.Apply(model, StageModelSetup.LoraConfigFor(new ForgetCloud.Contracts.Configuration.ModelConfig
        {
            Name = preset, UseLora = true, LoraRank = 4, TargetModules = new(["q_proj", "v_proj", "down_proj"]),
        }), seed: 1);
        var lora = model.Projections().Where(x => x.Linear.Lora is not null).Sum(x => x.Linear.Lora!.A.Weight.numel() + x.Linear.Lora!.B.Weight.numel());
        Assert.Equal(lora, ParameterCount.Lora(p.Config, 4, ["q_proj", "v_proj", "down_proj"]));
    }
}
