namespace ForgetCloud.Cli.Remote;

/// <summary>A run artifact classified by its place in the blob layout (see <see cref="StudyOutputLayout"/>).</summary>
public abstract record ArtifactKind
{
    private ArtifactKind() { }

    /// <summary><c>config.yaml</c>: the config snapshot.</summary>
    public sealed record Config : ArtifactKind;

    /// <summary><c>report/&lt;Rest&gt;</c>.</summary>
    public sealed record Report(string Rest) : ArtifactKind;

    /// <summary><c>tensorboard/&lt;Rest&gt;</c>.</summary>
    public sealed record TensorBoard(string Rest) : ArtifactKind;

    /// <summary><c>&lt;Arm&gt;/checkpoints/stage&lt;Stage&gt;/step_&lt;Step&gt;/&lt;Rest&gt;</c>.</summary>
    public sealed record Checkpoint(string Arm, int Stage, long Step, string Rest) : ArtifactKind
    {
        /// <summary>The checkpoint's folder relative to the run (what its files share).</summary>
        public string Prefix => $"{Arm}/checkpoints/stage{Stage}/step_{Step}/";
    }

    /// <summary><c>&lt;Arm&gt;/eval/&lt;Rest&gt;</c>.</summary>
    public sealed record Evaluation(string Arm, string Rest) : ArtifactKind;

    /// <summary>A path outside the known layout.</summary>
    public sealed record Other(string Path) : ArtifactKind;
}
