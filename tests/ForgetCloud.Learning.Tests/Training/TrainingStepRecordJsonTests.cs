using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Tests.Training;

public sealed class TrainingStepRecordJsonTests
{
    [Theory]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(double.PositiveInfinity, 2.5)]
    [InlineData(1.25, double.NegativeInfinity)]
    public void A_skipped_step_with_a_non_finite_norm_or_loss_round_trips(double gradNorm, double loss)
    {
        // The workers' training records serialised with System.Text.Json's defaults threw on this at the next
        // checkpoint upload (issue 9); the CLI's journal and the records blob now share these options.
        var record = new TrainingStepRecord(1, 0, 7, loss, 1e-3, gradNorm, 120, 40, 950.5, TimeSpan.FromSeconds(3.5), Skipped: true);
        var finite = record with { Step = 8, GradNorm = 0.5, Loss = 1.5, Skipped = false };

        var text = TrainingStepRecordJson.Serialize(record) + "\n" + TrainingStepRecordJson.Serialize(finite) + "\n";
        var parsed = TrainingStepRecordJson.ParseLines(text);

        Assert.Equal([record, finite], parsed);
        Assert.DoesNotContain('\n', TrainingStepRecordJson.Serialize(record));
    }
}
