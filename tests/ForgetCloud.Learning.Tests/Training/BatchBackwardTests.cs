using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class BatchBackwardTests
{
    [Fact]
    public void Scored_rows_are_the_masked_positions_with_the_next_token_as_target()
    {
        // [B=2, T=3]; the mask is already shifted: 1 at t when token t+1 is a target.
        var batch = new Batch(new DataPosition(0, 0), 2, 3, [5, 6, 7, /**/ 8, 9, 0], [1, 1, 1, 1, 1, 0], [1, 1, 0, /**/ 1, 0, 0], ["a", "b"]);

        var (rows, targets) = BatchBackward.ScoredRows(batch);

        Assert.Equal([0L, 1, 3], rows);
        Assert.Equal([6L, 7, 9], targets);
    }

    [Fact]
    public void The_loss_is_the_sum_of_the_scored_tokens_cross_entropies_of_the_full_logits()
    {
        var config = TrainingScenario.Config();
        var batch = TrainingScenario.Plan(config).BatchAt(new DataPosition(0, 0));
        using var model = TrainingScenario.Model(config);
        using var weights = new TrainableWeights(model);

        // Reference: the model's full fp32 logits, cross-entropy summed in double over the scored positions.
        double expected;
        using (no_grad())
        {
            using var ids = tensor(batch.InputIds, [batch.BatchSize, batch.SequenceLength]);
            using var logits = model.Forward(ids);
            var values = logits.data<float>().ToArray();
            var vocab = (int)logits.shape[2];
            expected = 0;
            var (rows, targets) = BatchBackward.ScoredRows(batch);
            for (var k = 0; k < rows.Length; k++)
            {
                var row = values.AsSpan((int)rows[k] * vocab, vocab);
                var max = double.NegativeInfinity;
                foreach (var z in row) max = Math.Max(max, z);
                var sum = 0.0;
                foreach (var z in row) sum += Math.Exp(z - max);
                expected += max + Math.Log(sum) - row[(int)targets[k]];
            }
        }

        var loss = BatchBackward.Run(model, batch, 1.0 / batch.ScoredTokens, gradientCheckpointing: false, dropoutSeed: 1);

        Assert.Equal(expected, loss, expected * 1e-5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Checkpointing_and_small_chunks_give_the_same_loss_and_gradients(bool lora)
    {
        // Dropout 0: with dropout both paths are deterministic but draw different masks.
        var config = TrainingScenario.Config(lora: lora, loraDropout: 0);
        var batch = TrainingScenario.Plan(config).BatchAt(new DataPosition(0, 0));
        var scale = 1.0 / batch.ScoredTokens;

        var (plainLoss, plainGrads) = Gradients(config, lora, m => BatchBackward.Run(m, batch, scale, false, 7));
        // 600 logits per chunk = one row of the 512-word vocabulary at a time.
        var (checkpointedLoss, checkpointedGrads) = Gradients(config, lora, m => BatchBackward.Run(m, batch, scale, true, 7, logitElementsPerChunk: 600));

        Assert.Equal(plainLoss, checkpointedLoss, plainLoss * 1e-5);
        Assert.Equal(plainGrads.Keys, checkpointedGrads.Keys);
        foreach (var (name, grad) in plainGrads)
        {
            var other = checkpointedGrads[name];
            var diff = grad.Zip(other, (a, b) => Math.Abs(a - b)).Max();
            var size = grad.Max(Math.Abs);
            Assert.True(diff <= 1e-4 * Math.Max(size, 1e-3), $"{name}: gradients differ by {diff} (largest {size})");
        }

        Assert.Contains(plainGrads.Values, g => g.Any(v => v != 0));
    }

    private static (double Loss, Dictionary<string, float[]> Grads) Gradients(StudyConfig config, bool lora, Func<ForgetCloud.Learning.Modeling.LlamaForCausalLM, double> run)
    {
        using var model = TrainingScenario.Model(config);
        StageModelSetup.Prepare(model, config.Model, stage: 1, seed: 3);
        if (lora)
        {
            // B starts at zero, so the A gradients would be zero: give B values to make both factors' gradients real.
            using var noGrad = no_grad();
            foreach (var (name, p) in model.named_parameters().Where(p => p.name.EndsWith("lora_B.weight", StringComparison.Ordinal)))
                p.copy_(full(p.shape, 0.01f));
        }

        var loss = run(model);
        var grads = model.named_parameters().Where(p => p.parameter.requires_grad)
            .ToDictionary(p => p.name, p => p.parameter.grad!.data<float>().ToArray());
        return (loss, grads);
    }
}
