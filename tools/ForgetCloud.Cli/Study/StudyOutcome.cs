namespace ForgetCloud.Cli.Study;

/// <summary>How a <c>forgetcloud study</c> run ended.</summary>
internal enum StudyOutcome
{
    /// <summary>Every arm trained, evaluated and analyzed; the report files are written.</summary>
    Completed,

    /// <summary>Stopped at a clean point (Ctrl-C); the same command resumes.</summary>
    Stopped,
}
