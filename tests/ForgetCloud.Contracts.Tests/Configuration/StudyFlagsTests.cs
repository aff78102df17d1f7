using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Tests.Configuration;

public class StudyFlagsTests
{
    private static readonly StudyConfig Config = new()
    {
        Optimizer = new OptimizerConfig { Type = OptimizerKind.AdamW },
        Logging = new LoggingConfig { LogDir = "logs", TensorboardDir = "tb", SaveDir = "ckpt" },
        Seed = 42,
    };

    [Fact]
    public void OptimizerFlagOverridesTheType()
    {
        var applied = new StudyFlags { Optimizer = OptimizerKind.Muon }.ApplyTo(Config);
        Assert.Equal(OptimizerKind.Muon, applied.Optimizer.Type);
        Assert.Equal(Config with { Optimizer = Config.Optimizer with { Type = OptimizerKind.Muon } }, applied);
    }

    [Fact]
    public void OutputDirSetsTheThreeDirectoriesAsTheOriginalDid()
    {
        var applied = new StudyFlags { OutputDir = "/runs/001" }.ApplyTo(Config);
        Assert.Equal(("/runs/001/logs", "/runs/001/tensorboard_logs", "/runs/001/checkpoints"),
            (applied.Logging.LogDir, applied.Logging.TensorboardDir, applied.Logging.SaveDir));
    }

    [Fact]
    public void NoFlagsIsOneArmNamedAfterTheConfiguredOptimizerInTheConfiguredFolders()
    {
        var flags = new StudyFlags();
        var arm = Assert.Single(flags.Arms(Config));
        Assert.Equal(new ArmSpec("adamw", "adamw", 42), arm);
        Assert.Equal(Config, flags.ArmConfig(Config, arm));
    }

    [Fact]
    public void CompareOptimizersIsAdamWThenMuonEachInItsSubfolder()
    {
        var flags = new StudyFlags { CompareOptimizers = true, OutputDir = "out" };
        var arms = flags.Arms(Config);
        var configs = arms.Select(a => flags.ArmConfig(Config, a)).ToArray();
        Assert.Equal(["adamw", "muon"], arms.Select(a => a.Id));
        Assert.Equal([OptimizerKind.AdamW, OptimizerKind.Muon], configs.Select(c => c.Optimizer.Type));
        Assert.Equal(["out/logs/adamw", "out/logs/muon"], configs.Select(c => c.Logging.LogDir));
        Assert.Equal(["out/checkpoints/adamw", "out/checkpoints/muon"], configs.Select(c => c.Logging.SaveDir));
        Assert.Equal("out/tensorboard_logs/muon", configs[1].Logging.TensorboardDir);
    }

    [Fact]
    public void SeedsMultiplyTheArmsOptimizerMajor()
    {
        var flags = new StudyFlags { CompareOptimizers = true, Seeds = 2 };
        var arms = flags.Arms(Config);
        Assert.Equal(
            [("adamw_seed42", "adamw", 42), ("adamw_seed43", "adamw", 43), ("muon_seed42", "muon", 42), ("muon_seed43", "muon", 43)],
            arms.Select(a => (a.Id, a.Optimizer, a.Seed)));
        Assert.All(arms, a => Assert.Equal((a.Seed, 2), (flags.ArmConfig(Config, a).Seed, flags.ArmConfig(Config, a).Seeds)));
        Assert.Equal("logs/muon_seed43", flags.ArmConfig(Config, arms[3]).Logging.LogDir);
    }

    [Fact]
    public void SeedsFromTheConfigAreUsedWithoutTheFlag()
    {
        var arms = new StudyFlags { Optimizer = OptimizerKind.Muon }.Arms(Config with { Seeds = 3, Seed = 7 });
        Assert.Equal(["muon_seed7", "muon_seed8", "muon_seed9"], arms.Select(a => a.Id));
    }

    [Fact]
    public void ContradictoryFlagsAreAllReported()
    {
        var options = new StudyFlags
        {
            CompareOptimizers = true, Optimizer = OptimizerKind.Muon, ResumeStage1 = "a", ResumeStage2 = "b", SkipTraining = true, Seeds = 0,
        };
        Assert.Equal(["--optimizer", "--resume-stage2", "--skip-training", "--seeds"], options.Validate().Select(e => e.Path));
        var ex = Assert.Throws<StudyConfigException>(() => options.ApplyTo(Config));
        Assert.Equal(4, ex.Errors.Count);
    }

    [Fact]
    public void ResumeNeedsASingleArm()
    {
        var single = new StudyFlags { ResumeStage2 = "ckpt/stage2_checkpoint_epoch_1_step_200" };
        Assert.Single(single.Arms(Config));
        var ex = Assert.Throws<StudyConfigException>(() => (single with { CompareOptimizers = true }).Arms(Config));
        Assert.Equal(("--resume-stage2", "needs a single-arm study (one optimizer, one seed); this one has 2 arms"),
            (ex.Errors[0].Path, ex.Errors[0].Message));
    }

    [Fact]
    public void OptimizerNamesParseExactly()
    {
        Assert.True(ConfigNames.TryParseOptimizer("muon", out var muon));
        Assert.Equal(OptimizerKind.Muon, muon);
        Assert.False(ConfigNames.TryParseOptimizer("Muon", out _));
        Assert.Equal("aqua_rat", ConfigNames.Of(DatasetKind.AquaRat));
        Assert.Equal("merge_and_new", ConfigNames.Of(LoraStage2Mode.MergeAndNew));
    }
}
