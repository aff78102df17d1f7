using ForgetCloud.Contracts.Blobs;

namespace ForgetCloud.Contracts.Tests.Blobs;

public sealed class BlobLayoutTests
{
    [Fact]
    public void Paths_follow_the_documented_layout()
    {
        Assert.Equal("datasets/3f2a/", BlobLayout.Dataset("3f2a"));
        Assert.Equal("models/tiny/", BlobLayout.Model("tiny"));
        Assert.Equal("runs/r1/", BlobLayout.Run("r1"));
        Assert.Equal("runs/r1/config.yaml", BlobLayout.RunConfig("r1"));
        Assert.Equal("runs/r1/adamw/checkpoints/stage2/", BlobLayout.StageCheckpoints("r1", "adamw", 2));
        Assert.Equal("runs/r1/adamw/checkpoints/stage1/step_200/", BlobLayout.Checkpoint("r1", "adamw", 1, 200));
        Assert.Equal("runs/r1/muon_seed43/eval/stage0.json", BlobLayout.Evaluation("r1", "muon_seed43", 0));
        Assert.Equal("runs/r1/tensorboard/", BlobLayout.TensorBoard("r1"));
        Assert.Equal("runs/r1/report/final_results.json", BlobLayout.FinalResults("r1"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("run 1")]
    public void A_name_that_is_not_one_safe_component_is_refused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => BlobLayout.Run(name));
        Assert.Equal("runId", e.ParamName);
    }

    [Fact]
    public void Stages_outside_the_study_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BlobLayout.Checkpoint("r", "a", 0, 1)); // the base model has no checkpoints
        Assert.Throws<ArgumentOutOfRangeException>(() => BlobLayout.Checkpoint("r", "a", 3, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlobLayout.Evaluation("r", "a", 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlobLayout.Checkpoint("r", "a", 1, -1));
    }

    [Theory]
    [InlineData("runs/r1/adamw/checkpoints/stage1/step_200/", "r1", "adamw", 1, 200)]
    [InlineData("runs/r1/muon_seed43/checkpoints/stage2/step_0", "r1", "muon_seed43", 2, 0)]
    public void A_checkpoint_prefix_parses_back_into_its_parts(string location, string run, string arm, int stage, int step)
    {
        Assert.True(BlobLayout.TryParseCheckpoint(location, out var parsed));
        Assert.Equal(new CheckpointPath(run, arm, stage, step), parsed);
        Assert.Equal(BlobLayout.Checkpoint(run, arm, stage, step), parsed.Location);
    }

    [Theory]
    [InlineData("runs/r1/adamw/checkpoints/stage3/step_1/")]
    [InlineData("runs/r1/adamw/checkpoints/stage0/step_1/")]
    [InlineData("runs/r1/adamw/checkpoints/stage1/step_01/")]
    [InlineData("runs/r1/adamw/checkpoints/stage1/step_+1/")]
    [InlineData("runs/r1/adamw/checkpoints/stage1/step_/")]
    [InlineData("runs/r1/adamw/checkpoints/stage1/")]
    [InlineData("runs/../adamw/checkpoints/stage1/step_1/")]
    [InlineData("models/r1/adamw/checkpoints/stage1/step_1/")]
    [InlineData("runs/r1/adamw/eval/stage1/step_1/")]
    [InlineData("/checkpoints/stage1/step_1")]
    [InlineData("")]
    public void Anything_else_is_not_a_checkpoint(string location) =>
        Assert.False(BlobLayout.TryParseCheckpoint(location, out _));

    [Theory]
    [InlineData("report/forgetting_analysis.png", "runs/r1/report/forgetting_analysis.png")]
    [InlineData("report%2Fforgetting_analysis.png", "runs/r1/report/forgetting_analysis.png")]
    [InlineData("adamw/checkpoints/stage1/step_24/adapter_model.safetensors", "runs/r1/adamw/checkpoints/stage1/step_24/adapter_model.safetensors")]
    [InlineData("tensorboard/events.out.tfevents.1.host", "runs/r1/tensorboard/events.out.tfevents.1.host")]
    [InlineData("file..name", "runs/r1/file..name")]
    public void An_artifact_path_inside_the_run_resolves_to_its_blob(string path, string blob)
    {
        Assert.True(BlobLayout.TryResolveArtifact("r1", path, out var name, out var error), error);
        Assert.Equal(blob, name);
    }

    [Theory]
    [InlineData("../r2/config.yaml")]
    [InlineData("report/../../r2/x")]
    [InlineData("..%2Fr2%2Fx")]
    [InlineData("%2e%2e/r2/x")]
    [InlineData("%252e%252e/r2/x")]
    [InlineData("/etc/passwd")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("report//x")]
    [InlineData("./x")]
    [InlineData("report\\..\\x")]
    [InlineData("C:/x")]
    [InlineData("report/x%00")]
    [InlineData("")]
    public void An_artifact_path_leaving_the_run_is_refused_with_a_reason(string path)
    {
        Assert.False(BlobLayout.TryResolveArtifact("r1", path, out var name, out var error));
        Assert.Equal("", name);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void An_artifact_of_an_invalid_run_id_is_refused() =>
        Assert.False(BlobLayout.TryResolveArtifact("..", "x", out _, out _));
}
