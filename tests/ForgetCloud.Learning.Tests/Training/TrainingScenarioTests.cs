namespace ForgetCloud.Learning.Tests.Training;

public sealed class TrainingScenarioTests
{
    [Fact]
    public void Scenario_examples_keep_answer_tokens_so_the_loss_tests_mean_something()
    {
        var summary = TrainingScenario.Data(TrainingScenario.Config()).Summary;
        Assert.True(summary.AnswerTokens >= 10L * summary.Examples, summary.ToString());
        Assert.True(summary.PromptTruncatedExamples == 0, summary.ToString());
    }
}
