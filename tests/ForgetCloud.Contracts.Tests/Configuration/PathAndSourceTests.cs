using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Tests.Configuration;

public sealed class PathAndSourceTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("forgetcloud-paths-");

    public void Dispose() => _dir.Delete(recursive: true);

    private StudyConfigLoadResult LoadFile(string yaml, StudyConfigLoadOptions? options = null)
    {
        var configs = Directory.CreateDirectory(Path.Combine(_dir.FullName, "configs"));
        var path = Path.Combine(configs.FullName, "study.yaml");
        File.WriteAllText(path, yaml);
        return StudyConfigLoader.LoadFile(path, options);
    }

    [Fact]
    public void RelativeDataPathsResolveAgainstTheConfigFilesDirectory()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "data"));
        var result = LoadFile("data: { source: local, local_dir: ../data, cache_dir: cache }\nmodel: { name: tiny }\n");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(Path.Combine(_dir.FullName, "data"), result.Config!.Data.LocalDir);
        Assert.Equal(Path.Combine(_dir.FullName, "configs", "cache"), result.Config.Data.CacheDir);
    }

    [Fact]
    public void MissingLocalDataDirectoryIsAnError()
    {
        var error = LoadFile("data: { source: local, local_dir: ../nowhere }\nmodel: { name: tiny }\n").Errors.Single();
        Assert.Equal("data.local_dir", error.Path);
        Assert.Equal($"directory not found: {Path.Combine(_dir.FullName, "nowhere")}", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Theory]
    [InlineData("tiny", ModelSourceKind.Preset)]
    [InlineData("meta-llama/Llama-3.2-1B", ModelSourceKind.Hub)]
    [InlineData("./models/mine", ModelSourceKind.Local)]
    [InlineData("/abs/models/mine", ModelSourceKind.Local)]
    public void AutoSourceFollowsTheShapeOfTheName(string name, ModelSourceKind expected)
    {
        var config = ConfigText.Valid($"model: {{ name: \"{name}\" }}");
        Assert.Equal(expected, config.Model.Source);
        if (expected == ModelSourceKind.Local)
            Assert.Equal(Path.GetFullPath(name, "/base"), config.Model.Name);
        else
            Assert.Equal(name, config.Model.Name);
    }

    [Fact]
    public void OwnerSlashNameIsALocalDirectoryWhenOneExistsBesideTheConfig()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "configs", "org", "model"));
        var config = LoadFile("model: { name: org/model }\n").GetConfigOrThrow();
        Assert.Equal(ModelSourceKind.Local, config.Model.Source);
        Assert.Equal(Path.Combine(_dir.FullName, "configs", "org", "model"), config.Model.Name);
    }

    [Fact]
    public void MissingModelDirectoryAndTokenizerAreErrors()
    {
        var result = LoadFile("model: { name: ./absent, tokenizer: ./tok/tokenizer.json }\n");
        Assert.Equal(
            [
                ("model.name", $"model directory not found: {Path.Combine(_dir.FullName, "configs", "absent")}"),
                ("model.tokenizer", $"no such file or directory: {Path.Combine(_dir.FullName, "configs", "tok", "tokenizer.json")}"),
            ],
            result.Errors.Select(e => (e.Path, e.Message)));
    }

    [Fact]
    public void TokenizerNameIsKeptAndPathIsResolved()
    {
        Assert.Equal("gpt2", ConfigText.Valid("model: { name: tiny, tokenizer: gpt2 }").Model.Tokenizer);
        Assert.Equal("/base/tok", ConfigText.Valid("model: { name: tiny, tokenizer: ./tok }").Model.Tokenizer);
    }

    [Fact]
    public void KnownPresetsAreCheckedWhenGiven()
    {
        var options = ConfigText.NoPathChecks with { KnownModelPresets = ["smoke", "tiny"] };
        Assert.Equal("tiny", ConfigText.Valid("model: { name: tiny }", options).Model.Name);
        var error = ConfigText.SingleError("model: { name: tinny }", options);
        Assert.Equal(("model.name", "a model preset must be one of smoke, tiny (got 'tinny'); did you mean 'tiny'?"), (error.Path, error.Message));
    }

    [Fact]
    public void ExplicitSourceOverridesTheShape()
    {
        var config = ConfigText.Valid("model: { name: gpt2, source: hub }");
        Assert.Equal((ModelSourceKind.Hub, "gpt2"), (config.Model.Source, config.Model.Name));
    }
}
