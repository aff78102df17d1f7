using ForgetCloud.Learning.Tests.TestSupport;
using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Tests.Data;

public class BatchPlanTests
{
    private static TokenizedExample[] Synthetic(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TokenizedExample($"x/{i}", [.. Enumerable.Repeat(5, 2 + i * 7 % 23)], 1, false))];

    private static string[][] Ids(IEnumerable<Batch> batches) => [.. batches.Select(b => b.ExampleIds.ToArray())];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryExampleOnceAndOrderDependsOnSeedAndEpochOnly(bool group)
    {
        var examples = Synthetic(103);
        var options = new BatchPlanOptions(group, ChunkBatches: 5);
        var plan = new BatchPlan(examples, 4, seed: 7, CharTokenizer.Pad, options);
        Assert.Equal(26, plan.BatchesPerEpoch);

        var epoch0 = Ids(plan.Batches(new DataPosition(0, 0)));
        Assert.Equal(examples.Select(e => e.Id).Order(), epoch0.SelectMany(b => b).Order());
        Assert.Equal(26, epoch0.Length);
        Assert.Equal(1, epoch0.Count(b => b.Length != 4)); // 103 = 25 * 4 + 3

        var again = Ids(new BatchPlan(examples, 4, seed: 7, CharTokenizer.Pad, options).Batches(new DataPosition(0, 0)));
        Assert.Equal(epoch0, again);

        var epoch1 = Ids(plan.Batches(new DataPosition(1, 0)));
        Assert.Equal(examples.Select(e => e.Id).Order(), epoch1.SelectMany(b => b).Order());
        Assert.NotEqual(epoch0, epoch1);

        var otherSeed = Ids(new BatchPlan(examples, 4, seed: 8, CharTokenizer.Pad, options).Batches(new DataPosition(0, 0)));
        Assert.NotEqual(epoch0, otherSeed);
    }

    [Fact]
    public void ResumeYieldsTheRemainingBatchesIdentically()
    {
        var examples = Synthetic(50);
        var full = new BatchPlan(examples, 3, seed: 1, CharTokenizer.Pad).BatchesUntil(DataPosition.Start, epochs: 2).ToList();
        Assert.Equal(2 * 17, full.Count);

        // A fresh plan (a restarted process) resumed from the position after the 20th batch.
        var position = DataPosition.Start;
        for (var i = 0; i < 20; i++) position = position.Next(17);
        Assert.Equal(new DataPosition(1, 3), position);
        var resumed = new BatchPlan(examples, 3, seed: 1, CharTokenizer.Pad).BatchesUntil(position, epochs: 2).ToList();

        Assert.Equal(14, resumed.Count);
        for (var i = 0; i < resumed.Count; i++)
        {
            var expected = full[20 + i];
            Assert.Equal(expected.Position, resumed[i].Position);
            Assert.Equal(expected.ExampleIds, resumed[i].ExampleIds);
            Assert.Equal(expected.InputIds, resumed[i].InputIds);
            Assert.Equal(expected.LabelMask, resumed[i].LabelMask);
        }
    }

    [Fact]
    public void GroupedBatchesHoldSimilarLengths()
    {
        var examples = Synthetic(200);
        var plan = new BatchPlan(examples, 4, seed: 3, CharTokenizer.Pad, new BatchPlanOptions(ChunkBatches: 50));
        // One chunk covers all 200 examples, so batches are consecutive runs of the length-sorted list.
        var sorted = examples.Select(e => e.Length).OrderDescending().ToArray();
        var expectedPadded = Enumerable.Range(0, 50).Sum(b => 4L * sorted[b * 4]);
        var padding = plan.Padding(0);
        Assert.Equal(expectedPadded, padding.PaddedTokens);
        Assert.Equal(examples.Sum(e => (long)e.Length), padding.RealTokens);
        Assert.Equal(padding.PaddedTokens, plan.Batches(DataPosition.Start).Sum(b => (long)b.BatchSize * b.SequenceLength));
    }

    [Fact]
    public void LengthGroupingWastesLessPaddingOnRealGsm8k()
    {
        var examples = Gsm8kReader.ReadFile(Path.Combine(TestPaths.SharedData, "gsm8k", "test.jsonl"), "test")
            .Select(Gsm8kPromptFormat.Render);
        var tokenized = new ExampleTokenizer(new CharTokenizer(), 1024).TokenizeAll(examples).Examples;
        var grouped = new BatchPlan(tokenized, 8, seed: 0, CharTokenizer.Pad).Padding(0);
        var naive = new BatchPlan(tokenized, 8, seed: 0, CharTokenizer.Pad, new BatchPlanOptions(GroupByLength: false)).Padding(0);
        Assert.Equal(naive.RealTokens, grouped.RealTokens);
        Assert.True(grouped.Efficiency > 0.97, grouped.ToString());
        Assert.True(grouped.PaddedTokens < naive.PaddedTokens, $"grouped {grouped}; naive {naive}");
    }

    [Fact]
    public void PositionOutsideThePlanIsRejected()
    {
        var plan = new BatchPlan(Synthetic(10), 4, seed: 0, CharTokenizer.Pad);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => plan.Batches(new DataPosition(0, 4)));
        Assert.Contains("3 batches per epoch (10 examples, batch size 4)", error.Message);
        Assert.Empty(plan.Batches(new DataPosition(0, 3)));
    }
}
