using ForgetCloud.Learning.Optimization;

namespace ForgetCloud.Learning.Tests.Optimization;

public class LearningRateScheduleTests
{
    [Fact]
    public void WarmupRisesLinearlyToTheBaseRate()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, 1e-3, totalSteps: 100, warmupSteps: 4);
        Assert.Equal(0.25e-3, schedule.LearningRateAt(0), 15);
        Assert.Equal(0.50e-3, schedule.LearningRateAt(1), 15);
        Assert.Equal(1.00e-3, schedule.LearningRateAt(3), 15);
    }

    [Fact]
    public void CosineDecayAtHandComputedSteps()
    {
        // W = 10, T = 110: progress p = (s - 10) / 100.
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, 2e-4, totalSteps: 110, warmupSteps: 10);
        Assert.Equal(2e-4, schedule.LearningRateAt(10), 15);         // p = 0
        Assert.Equal(1e-4, schedule.LearningRateAt(60), 15);         // p = 1/2: cos = 0
        Assert.Equal(2e-4 * (1 + Math.Sqrt(0.5)) / 2, schedule.LearningRateAt(35), 15); // p = 1/4
        Assert.Equal(2e-4 * (1 + Math.Cos(Math.PI * 0.99)) / 2, schedule.LearningRateAt(109), 15);
    }

    [Fact]
    public void CosineDecayToAMinimumRatio()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, 1.0, totalSteps: 100, warmupSteps: 0, minLrRatio: 0.1);
        Assert.Equal(1.0, schedule.LearningRateAt(0), 15);
        Assert.Equal(0.55, schedule.LearningRateAt(50), 15);          // 0.1 + 0.9 * 0.5
    }

    [Fact]
    public void LinearDecayAtHandComputedSteps()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Linear, 1.0, totalSteps: 12, warmupSteps: 2, minLrRatio: 0.2);
        Assert.Equal(0.5, schedule.LearningRateAt(0), 15);
        Assert.Equal(1.0, schedule.LearningRateAt(2), 15);
        Assert.Equal(0.2 + 0.8 * 0.5, schedule.LearningRateAt(7), 15); // p = 5/10
        Assert.Equal(0.2 + 0.8 * 0.1, schedule.LearningRateAt(11), 15); // p = 9/10
    }

    [Fact]
    public void ConstantAfterWarmup()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Constant, 3e-4, totalSteps: 50, warmupSteps: 3, minLrRatio: 0.5);
        Assert.Equal(1e-4, schedule.LearningRateAt(0), 15);
        Assert.Equal(3e-4, schedule.LearningRateAt(3), 15);
        Assert.Equal(3e-4, schedule.LearningRateAt(49), 15);
    }

    [Fact]
    public void BadArgumentsAndOutOfRangeStepsAreRejected()
    {
        Assert.Contains("learning_rate", Assert.Throws<ArgumentException>(() => new LearningRateSchedule(LearningRateScheduleKind.Cosine, 0, 10)).Message);
        Assert.Contains("total_steps", Assert.Throws<ArgumentException>(() => new LearningRateSchedule(LearningRateScheduleKind.Cosine, 1, 0)).Message);
        Assert.Contains("warmup_steps = 11", Assert.Throws<ArgumentException>(() => new LearningRateSchedule(LearningRateScheduleKind.Cosine, 1, 10, 11)).Message);
        Assert.Contains("min_lr_ratio", Assert.Throws<ArgumentException>(() => new LearningRateSchedule(LearningRateScheduleKind.Cosine, 1, 10, 0, 1.5)).Message);
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Linear, 1, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.LearningRateAt(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.LearningRateAt(-1));
    }
}
