using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Study;
using ForgetCloud.Learning.Training;
using ForgetCloud.Reporting.History;

namespace ForgetCloud.Reporting.Tests.TestSupport;

/// <summary>
/// Realistic fake results: per-item correctness drawn with stage-dependent probabilities (stage 1 teaches GSM8K,
/// stage 2 partly erases it and teaches AQUA-RAT; Muon forgets a bit less), NLL sums growing with forgetting.
/// </summary>
internal static class FakeStudy
{
    public const int Gsm8kItems = 80;
    public const int AquaRatItems = 60;
    private static readonly string[] Letters = ["A", "B", "C", "D", "E"];

    public static IReadOnlyList<ArmSpec> Arms(int seeds, params string[] optimizers) =>
        [.. optimizers.SelectMany(o => Enumerable.Range(0, seeds).Select(s => new ArmSpec($"{o}_seed{s}", o, s)))];

    public static IReadOnlyList<StageEvaluation> Evaluations(IReadOnlyList<ArmSpec> arms) =>
        [.. arms.SelectMany(arm => Enumerable.Range(0, 3).Select(stage => Evaluation(arm, stage)))];

    public static StageEvaluation Evaluation(ArmSpec arm, int stage)
    {
        var random = new Random((arm.Optimizer[0] * 1000) + (arm.Seed * 10) + stage);
        var muon = arm.Optimizer == "muon";
        double[] gsmP = [0.05, 0.35, muon ? 0.25 : 0.18];
        double[] gsmNll = [2.4, 1.1, muon ? 1.35 : 1.55];
        double[] aquaP = [0.22, 0.24, 0.38];
        double[] aquaNll = [2.8, 2.6, 1.7];
        var gsm = new List<Gsm8kItemResult>();
        for (var i = 0; i < Gsm8kItems; i++)
        {
            var flexible = random.NextDouble() < gsmP[stage];
            var strict = flexible && (stage == 1 || random.NextDouble() < 0.6);
            var tokens = 20 + random.Next(40);
            var gold = (10 + i).ToString();
            gsm.Add(new Gsm8kItemResult(
                $"gsm8k-{i}", $"Q{i}", $"... #### {(strict ? gold : "1")}",
                strict || stage == 1 ? (strict ? gold : "1") : "[invalid]",
                flexible ? gold : "7", gold, strict, flexible,
                tokens * gsmNll[stage] * (0.7 + (0.6 * random.NextDouble())), tokens));
        }

        var aqua = new List<AquaRatItemResult>();
        for (var i = 0; i < AquaRatItems; i++)
        {
            var gold = Letters[i % 5];
            var predicted = random.NextDouble() < aquaP[stage] ? gold : Letters[random.Next(5)];
            var norm = random.NextDouble() < aquaP[stage] ? gold : Letters[random.Next(5)];
            string? generated = stage == 0 && random.NextDouble() < 0.7 ? null
                : random.NextDouble() < aquaP[stage] ? gold : Letters[random.Next(5)];
            var tokens = 60 + random.Next(80);
            aqua.Add(new AquaRatItemResult(
                $"aqua-{i}", $"P{i}", $"Answer: {generated}", gold, [-3, -4, -5, -6, -7],
                predicted, norm, generated, tokens * aquaNll[stage] * (0.8 + (0.4 * random.NextDouble())), tokens));
        }

        return new StageEvaluation(arm.Id, stage, stage == 0 ? null : $"checkpoints/stage{stage}", gsm, aqua);
    }

    public static TrainingHistory Training(IReadOnlyList<ArmSpec> arms)
    {
        var steps = new Dictionary<string, IReadOnlyList<TrainingStepRecord>>();
        foreach (var arm in arms)
        {
            var random = new Random(arm.Seed + (arm.Optimizer[0] * 100));
            var records = new List<TrainingStepRecord>();
            foreach (var stage in new[] { 1, 2 })
            {
                const int total = 120;
                for (var step = 1; step <= total; step++)
                {
                    var lr = step <= 10 ? 2e-4 * step / 10 : 2e-4 * 0.5 * (1 + Math.Cos(Math.PI * (step - 10) / (total - 10)));
                    var loss = (stage == 1 ? 1.2 : 1.6) + (1.4 * Math.Exp(-step / (arm.Optimizer == "muon" ? 25.0 : 35.0)))
                        + (0.12 * (random.NextDouble() - 0.5));
                    records.Add(new TrainingStepRecord(stage, (int)(3L * step / (total + 1)), step, loss, lr, 0.5 + random.NextDouble(), 1024, 256, 2500 + (300 * random.NextDouble()), TimeSpan.FromSeconds(step), false));
                }
            }

            steps[arm.Id] = records;
        }

        return TrainingHistory.Create(arms, steps);
    }
}
