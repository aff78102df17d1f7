namespace ForgetCloud.Contracts.Messages;

/// <summary>Event from the analysis: the report is written; the run completes.</summary>
/// <param name="RunId">The run.</param>
/// <param name="ReportRef">The blob name of the final results JSON (<see cref="Blobs.BlobLayout.FinalResults"/>).</param>
public sealed record AnalysisCompleted(string RunId, string ReportRef);
