namespace ForgetCloud.Cli.Remote;

/// <summary>What an export wrote: files, bytes, and checkpoints left out because they were still being saved.</summary>
public sealed record ExportSummary(int Files, long Bytes, int IncompleteCheckpoints);
