using System.Diagnostics;
using System.Text.Json;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Generation;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Quantization;
using ForgetCloud.Learning.Tokenization;
using ForgetCloud.Learning.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Benchmarks.Scale;

/// <summary>What one fresh process measured on the 1B shape (see <see cref="ScaleProbe"/>).</summary>
public sealed record ScaleMeasurement(
    double LoadSeconds, long BaseBytes, long ProjectionBytes, long ResidentBeforeLoad, long ResidentAfterLoad, long PeakResident,
    double? ScoreSeconds = null, double? MeanNll = null, double? GenerateSecondsPerToken = null, double? StepSeconds = null);

/// <summary>
/// The child side of the scale suite: loads the fixture in one configuration, runs one workload and prints a
/// <see cref="ScaleMeasurement"/> as JSON. <c>infer</c>: score <see cref="ScoreTokens"/> tokens, then greedy-generate
/// <see cref="NewTokens"/> tokens after a 32-token prompt. <c>lora</c>: LoRA r16 on all seven projections, AdamW,
/// batch 1 x <see cref="StepTokens"/> with every position scored; one warm-up step, then the median of two.
/// </summary>
public static class ScaleProbe
{
    private sealed record Footprint(double LoadSeconds, long BaseBytes, long ProjectionBytes, long Before, long After);

    public const string Flag = "--scale-probe";
    public const int ScoreTokens = 64;
    public const int NewTokens = 8;
    public const int StepTokens = 256;

    // Text for scoring (written for this benchmark): the weights are random, so the NLL is a fixed-input comparison
    // between precisions, not a measure of language modelling.
    private const string Text =
        "A baker sells 24 muffins in the morning and twice as many in the afternoon. Each muffin costs 3 dollars. " +
        "How much money does the baker make in a day? In the morning the baker makes 24 * 3 = 72 dollars. ";

    /// <summary>Child: args are workload (infer|lora), directory, dtype (fp32|bf16), quant (none|nf4|nf4-dq|fp4), checkpointing (0|1).</summary>
    public static int Run(string[] args)
    {
        if (args is not [var workload, var directory, var dtypeName, var quant, var checkpointing])
        {
            Console.Error.WriteLine($"error: {Flag} expects: workload directory dtype quant checkpointing");
            return 1;
        }
        var dtype = dtypeName == "bf16" ? ScalarType.BFloat16 : ScalarType.Float32;
        FourBitSpec? fourBit = quant switch
        {
            "none" => null,
            "nf4" => new FourBitSpec(FourBitQuantType.Nf4, false, dtype),
            "nf4-dq" => new FourBitSpec(FourBitQuantType.Nf4, true, dtype),
            "fp4" => new FourBitSpec(FourBitQuantType.Fp4, false, dtype),
            _ => throw new ArgumentException($"quant '{quant}' is not none, nf4, nf4-dq or fp4"),
        };

        var before = Measure.ResidentBytes();
        var watch = Stopwatch.StartNew();
        using var model = LlamaCheckpoint.Load(directory, dtype, fourBit: fourBit);
        var loadSeconds = watch.Elapsed.TotalSeconds;
        var baseBytes = model.parameters().Sum(p => p.numel() * p.ElementSize)
            + model.Projections().Sum(p => p.Linear.FourBit?.StorageBytes ?? 0);
        var projectionBytes = model.Projections().Sum(p => p.Linear.FourBit?.StorageBytes ?? p.Linear.Weight.numel() * p.Linear.Weight.ElementSize);
        var resident = Measure.ResidentBytes();
        var footprint = new Footprint(loadSeconds, baseBytes, projectionBytes, before, resident);

        ScaleMeasurement result = workload switch
        {
            "infer" => Infer(model, directory, footprint),
            "lora" => Lora(model, checkpointing == "1", footprint),
            _ => throw new ArgumentException($"workload '{workload}' is not infer or lora"),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static ScaleMeasurement Infer(LlamaForCausalLM model, string directory, Footprint footprint)
    {
        model.eval();
        var tokenizer = TokenizerFactory.FromDirectory(directory);
        var tokens = new List<int>();
        while (tokens.Count < ScoreTokens) tokens.AddRange(tokenizer.Encode(Text));
        tokens = tokens.Take(ScoreTokens).ToList();

        SequenceScore? score = null;
        var samples = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            score = SequenceScorer.Score(model, tokens);
            if (i > 0) samples.Add(watch.Elapsed.TotalSeconds);
        }

        var generator = new GreedyGenerator(model);
        var generateWatch = Stopwatch.StartNew();
        generator.Generate([tokens.Take(32).ToList()], new GenerationOptions { MaxNewTokens = NewTokens });
        var perToken = generateWatch.Elapsed.TotalSeconds / NewTokens;
        return new ScaleMeasurement(footprint.LoadSeconds, footprint.BaseBytes, footprint.ProjectionBytes, footprint.Before, footprint.After, Measure.PeakResidentBytes(),
            ScoreSeconds: Measure.Median(samples), MeanNll: score!.MeanNll, GenerateSecondsPerToken: perToken);
    }

    private static ScaleMeasurement Lora(LlamaForCausalLM model, bool checkpointing, Footprint footprint)
    {
        var modelConfig = new ModelConfig { Name = "llama-3.2-1b-shape", UseLora = true, LoraRank = 16, LoraAlpha = 32, LoraDropout = 0.05 };
        StageModelSetup.Prepare(model, modelConfig, stage: 1, seed: 1);
        using var weights = new TrainableWeights(model);
        using var optimizer = TrainingOptimizerFactory.Create(OptimizerKind.AdamW, new OptimizerConfig(), new StageConfig(), weights.Masters);
        model.train();
        var batch = TrainingBenchmark.SyntheticBatch(model.Config.VocabSize, 1, StepTokens);
        var samples = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            TrainingStep.Run(model, weights, optimizer, [batch], 1.0, 1e-4, checkpointing, dropoutSeed: i);
            if (i > 0) samples.Add(watch.Elapsed.TotalSeconds);
        }
        return new ScaleMeasurement(footprint.LoadSeconds, footprint.BaseBytes, footprint.ProjectionBytes, footprint.Before, footprint.After, Measure.PeakResidentBytes(), StepSeconds: Measure.Median(samples));
    }
}
