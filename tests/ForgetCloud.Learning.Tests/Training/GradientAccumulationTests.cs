using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class GradientAccumulationTests
{
    [Fact]
    public void Two_batches_of_two_give_the_gradient_of_one_batch_of_four()
    {
        var options = new BatchPlanOptions(GroupByLength: false);
        var config4 = TrainingScenario.Config(batchSize: 4);
        var config2 = TrainingScenario.Config(batchSize: 2, accumulation: 2);
        var four = TrainingScenario.Plan(config4, options: options);
        var two = TrainingScenario.Plan(config2, options: options);
        Batch[] big = [four.BatchAt(new DataPosition(0, 0))];
        Batch[] small = [two.BatchAt(new DataPosition(0, 0)), two.BatchAt(new DataPosition(0, 1))];
        Assert.Equal(big[0].ExampleIds, small.SelectMany(b => b.ExampleIds));
        // Uneven answer lengths are what makes token weighting differ from averaging per-batch means.
        Assert.NotEqual(small[0].ScoredTokens, small[1].ScoredTokens);

        using var modelA = TrainingScenario.Model(config4);
        using var modelB = TrainingScenario.Model(config2);
        using var weightsA = new TrainableWeights(modelA);
        using var weightsB = new TrainableWeights(modelB);
        var lossA = TrainingStep.ForwardBackward(modelA, weightsA, big, big.Sum(b => b.ScoredTokens));
        var lossB = TrainingStep.ForwardBackward(modelB, weightsB, small, small.Sum(b => b.ScoredTokens));

        Assert.Equal(lossA, lossB, 3);
        var maxDiff = weightsA.Masters.Zip(weightsB.Masters, (a, b) =>
            (a.Parameter.grad! - b.Parameter.grad!).abs().max().item<float>()).Max();
        Assert.True(maxDiff < 1e-5, $"gradients differ by {maxDiff}");
        var scale = weightsA.Masters.Max(a => a.Parameter.grad!.abs().max().item<float>());
        Assert.True(scale > 1e-3, "the gradients are not trivially zero");
    }
}
