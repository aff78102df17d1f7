namespace ForgetCloud.Reporting.History;

/// <summary>An arm as listed in the metadata.</summary>
public sealed record ArmInfo(string Id, string Optimizer, int Seed);
