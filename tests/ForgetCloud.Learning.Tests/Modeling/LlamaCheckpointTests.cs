using System.Text.Json;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Serialization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Modeling;

public sealed class LlamaCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ckpt-").FullName;

    [Fact]
    public void SaveThenLoadReproducesLogits()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 2));
        LlamaCheckpoint.Save(model, _dir);
        using var loaded = LlamaCheckpoint.Load(_dir);
        using var ids = TinyModels.Ids(1, 2, 3, 4);
        Assert.Equal(TinyModels.Values(model.Forward(ids)), TinyModels.Values(loaded.Forward(ids)));
    }

    [Fact]
    public void LoadsShardedBf16CheckpointsIntoFp32()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 2));
        model.Config.Save(Path.Combine(_dir, "config.json"));
        var parameters = model.named_parameters().ToList();
        var half = parameters.Count / 2;
        var shards = new[] { parameters.Take(half), parameters.Skip(half) };
        var map = new Dictionary<string, string>();
        for (var s = 0; s < 2; s++)
        {
            var file = $"model-0000{s + 1}-of-00002.safetensors";
            var tensors = shards[s].Select(p => new KeyValuePair<string, Tensor>(p.name, p.parameter.to_type(ScalarType.BFloat16))).ToList();
            SafetensorsWriter.Write(Path.Combine(_dir, file), tensors);
            foreach (var (name, _) in shards[s]) map[name] = file;
        }
        File.WriteAllText(Path.Combine(_dir, "model.safetensors.index.json"), JsonSerializer.Serialize(new { metadata = new { }, weight_map = map }));

        using var loaded = LlamaCheckpoint.Load(_dir);
        var expected = model.named_parameters().ToDictionary(p => p.name, p => TinyModels.Values(p.parameter.to_type(ScalarType.BFloat16)));
        foreach (var (name, p) in loaded.named_parameters())
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.Equal(expected[name], TinyModels.Values(p));
        }
    }

    [Fact]
    public void MismatchedCheckpointsListEveryProblemAtOnce()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 1));
        model.Config.Save(Path.Combine(_dir, "config.json"));
        var tensors = model.named_parameters()
            .Where(p => p.name != "model.norm.weight")
            .Select(p => new KeyValuePair<string, Tensor>(p.name, p.name == "lm_head.weight" ? zeros(31, 8) : p.parameter))
            .Append(new("model.layers.7.mlp.up_proj.weight", zeros(2, 2)))
            .ToList();
        SafetensorsWriter.Write(Path.Combine(_dir, "model.safetensors"), tensors);
        var e = Assert.Throws<InvalidDataException>(() => LlamaCheckpoint.Load(_dir));
        Assert.Contains("missing: model.norm.weight", e.Message);
        Assert.Contains("unexpected: model.layers.7.mlp.up_proj.weight", e.Message);
        Assert.Contains("lm_head.weight is [31, 8], model expects [32, 8]", e.Message);
    }

    [Fact]
    public void DirectoriesWithoutWeightsOrConfigAreReported()
    {
        Assert.Throws<DirectoryNotFoundException>(() => LlamaCheckpoint.Load(Path.Combine(_dir, "nope")));
        Assert.Contains("config.json", Assert.Throws<FileNotFoundException>(() => LlamaCheckpoint.Load(_dir)).Message);
        TinyModels.Config().Save(Path.Combine(_dir, "config.json"));
        Assert.Contains("neither model.safetensors", Assert.Throws<FileNotFoundException>(() => LlamaCheckpoint.Load(_dir)).Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
