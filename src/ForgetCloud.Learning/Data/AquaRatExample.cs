namespace ForgetCloud.Learning.Data;

/// <summary>
/// One AQUA-RAT problem: the question, the five options A-E in order, the rationale as published and the letter
/// of the correct option.
/// </summary>
public sealed record AquaRatExample(
    string Id,
    string Question,
    IReadOnlyList<AquaRatOption> Options,
    string Rationale,
    char Correct)
{
    public const string Letters = "ABCDE";

    /// <summary>The correct option.</summary>
    public AquaRatOption CorrectOption => Options[Letters.IndexOf(Correct)];
}
