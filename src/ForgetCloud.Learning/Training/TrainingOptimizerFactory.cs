using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Optimization;
using TorchSharp.Modules;

namespace ForgetCloud.Learning.Training;

/// <summary>Maps the config's optimizer blocks and the stage's weight decay onto <see cref="ITrainingOptimizer"/>s.</summary>
public static class TrainingOptimizerFactory
{
    public static AdamWOptions AdamWOptionsFor(OptimizerConfig optimizer, StageConfig stage) => new()
    {
        Beta1 = optimizer.AdamW.Beta1,
        Beta2 = optimizer.AdamW.Beta2,
        Epsilon = optimizer.AdamW.Eps,
        WeightDecay = stage.WeightDecay,
        DecayAllParameters = optimizer.DecayAllParameters,
    };

    /// <summary>Muon's own keys configure Muon; the original framework's beta1/beta2/eps go to the auxiliary AdamW; the stage's
    /// weight decay applies to both; <c>mu</c> is passed on only to be reported as unused.</summary>
    public static MuonOptions MuonOptionsFor(OptimizerConfig optimizer, StageConfig stage) => new()
    {
        Momentum = optimizer.Muon.Momentum,
        Nesterov = optimizer.Muon.Nesterov,
        NewtonSchulzSteps = optimizer.Muon.NsSteps,
        WeightDecay = stage.WeightDecay,
        AdjustLrToMatchAdamW = optimizer.Muon.AdjustLrToMatchAdamW,
        LoraFactors = optimizer.Muon.LoraFactors,
        OriginalFrameworkMu = optimizer.Muon.Mu,
        AuxiliaryAdamW = new AdamWOptions
        {
            Beta1 = optimizer.Muon.Beta1,
            Beta2 = optimizer.Muon.Beta2,
            Epsilon = optimizer.Muon.Eps,
            WeightDecay = stage.WeightDecay,
            DecayAllParameters = optimizer.DecayAllParameters,
        },
    };

    public static ITrainingOptimizer Create(
        OptimizerKind kind, OptimizerConfig optimizer, StageConfig stage, IReadOnlyList<(string Name, Parameter Parameter)> parameters) => kind switch
    {
        OptimizerKind.AdamW => new AdamWOptimizer(parameters, AdamWOptionsFor(optimizer, stage)),
        OptimizerKind.Muon => new MuonOptimizer(parameters, MuonOptionsFor(optimizer, stage)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer kind"),
    };

    public static LearningRateScheduleKind ScheduleKind(LrSchedulerType type) => type switch
    {
        LrSchedulerType.Linear => LearningRateScheduleKind.Linear,
        LrSchedulerType.Cosine => LearningRateScheduleKind.Cosine,
        LrSchedulerType.Constant => LearningRateScheduleKind.Constant,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown lr_scheduler_type"),
    };
}
