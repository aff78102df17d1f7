namespace ForgetCloud.Learning.Data;

/// <summary>One answer choice of an AQUA-RAT problem: its letter and its text without the <c>A)</c> prefix.</summary>
public sealed record AquaRatOption(char Letter, string Text);
