using System.Net;
using ForgetCloud.Cli.Remote;

namespace ForgetCloud.Cli.Tests.Remote;

/// <summary>The blob layout of a run -> the folder layout of <c>study</c>, and the Api's problem details -> error lines.</summary>
public sealed class StudyOutputLayoutTests
{
    private static readonly StudyOutputLayout Layout = StudyOutputLayout.InDirectory("out");

    [Theory]
    [InlineData("report/final_results.json", false, "out/logs/final_results.json")]
    [InlineData("report/forgetting_analysis.png", true, "out/logs/forgetting_analysis.png")]
    [InlineData("tensorboard/muon/stage2/events.out.tfevents.1", true, "out/tensorboard_logs/muon/stage2/events.out.tfevents.1")]
    [InlineData("adamw/eval/gsm8k_stage1.jsonl", false, "out/logs/evaluations/adamw/gsm8k_stage1.jsonl")]
    [InlineData("adamw/checkpoints/stage1/step_40/adapter_model.safetensors", false, "out/checkpoints/stage1_checkpoint_epoch_3_step_40/adapter_model.safetensors")]
    [InlineData("muon_seed7/checkpoints/stage2/step_0/sub/x.bin", true, "out/checkpoints/muon_seed7/stage2_checkpoint_epoch_3_step_0/sub/x.bin")]
    [InlineData("config.yaml", false, "out/logs/config.yaml")]
    [InlineData("adamw/notes.txt", false, "out/logs/artifacts/adamw/notes.txt")]
    [InlineData("adamw/checkpoints/stage3/step_1/x", false, "out/logs/artifacts/adamw/checkpoints/stage3/step_1/x")]
    public void Maps_each_artifact_to_its_study_path(string artifact, bool severalArms, string expected)
    {
        var local = Layout.LocalPathOf(StudyOutputLayout.Classify(artifact), severalArms, _ => 3);
        Assert.Equal(expected.Replace('/', Path.DirectorySeparatorChar), local);
    }

    [Fact]
    public void A_path_leaving_the_output_folder_is_refused()
    {
        var e = Assert.Throws<CliException>(() => Layout.LocalPathOf(StudyOutputLayout.Classify("report/../../etc/passwd"), false, _ => 0));
        Assert.Contains("would leave the output folder", e.Message);
    }

    [Fact]
    public void Validation_problems_become_one_line_per_message()
    {
        const string problem = """{"title":"invalid","status":400,"errors":{"seed":["must be >= 0"],"training.stage1.learning_rate":["must be > 0","is huge"]}}""";
        var e = Assert.IsType<CliErrorsException>(ApiConnection.ToException(HttpStatusCode.BadRequest, problem));
        Assert.Equal(["seed: must be >= 0", "training.stage1.learning_rate: must be > 0", "training.stage1.learning_rate: is huge"], e.Lines);
    }

    [Fact]
    public void Other_problems_are_one_line_with_status_and_detail()
    {
        var e = Assert.IsType<CliException>(ApiConnection.ToException(HttpStatusCode.Conflict, """{"title":"t","detail":"Run x: it already ended."}"""));
        Assert.Equal("the Api answered 409 Conflict: Run x: it already ended.", e.Message);
        var raw = Assert.IsType<CliException>(ApiConnection.ToException(HttpStatusCode.BadGateway, "<html>proxy</html>"));
        Assert.Equal("the Api answered 502 BadGateway: <html>proxy</html>", raw.Message);
    }
}
