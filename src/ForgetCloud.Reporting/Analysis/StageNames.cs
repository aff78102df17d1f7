namespace ForgetCloud.Reporting.Analysis;

/// <summary>Names of the evaluated models in files and plots.</summary>
public static class StageNames
{
    /// <summary><c>base</c>, <c>stage1</c>, <c>stage2</c> (the original framework's keys for stages 1 and 2).</summary>
    public static string Of(int stage) => stage switch
    {
        0 => "base",
        1 => "stage1",
        2 => "stage2",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Stages are 0 (base), 1 and 2"),
    };

    /// <summary>Axis labels: <c>base</c>, <c>after stage 1</c>, <c>after stage 2</c>.</summary>
    public static string Label(int stage) => stage == 0 ? "base" : $"after stage {stage}";
}
