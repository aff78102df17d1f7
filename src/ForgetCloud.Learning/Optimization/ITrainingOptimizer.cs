namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// An optimizer over named trainable parameters whose whole state can be exported and restored exactly, so that a
/// resumed run takes bit-identical steps. The learning rate is passed per step (the schedule owns it).
/// </summary>
public interface ITrainingOptimizer : IDisposable
{
    /// <summary>"adamw" or "muon": the prefix of every state name and the name checked on import.</summary>
    string Name { get; }

    /// <summary>Every parameter with the rule that updates it, in construction order.</summary>
    IReadOnlyList<ParameterAssignment> Assignments { get; }

    /// <summary>Messages about the configuration the caller should log once (for example a seed key with no effect).</summary>
    IReadOnlyList<string> ConfigurationNotices { get; }

    /// <summary>Number of completed <see cref="Step"/> calls (restored by <see cref="ImportState"/>).</summary>
    long StepCount { get; }

    /// <summary>Applies one update from the parameters' current gradients. Parameters without a gradient are skipped.</summary>
    void Step(double learningRate);

    /// <summary>Drops every parameter's gradient (sets it to none, as torch's default).</summary>
    void ZeroGrad();

    /// <summary>Copies of all state tensors and counters.</summary>
    TrainingOptimizerState ExportState();

    /// <summary>
    /// Restores state exported by an optimizer of the same kind over the same parameters. Throws
    /// <see cref="InvalidDataException"/> naming every missing, unexpected or mis-shaped entry; on error nothing changes.
    /// </summary>
    void ImportState(TrainingOptimizerState state);
}
