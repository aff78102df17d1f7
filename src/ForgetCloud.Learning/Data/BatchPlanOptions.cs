namespace ForgetCloud.Learning.Data;

/// <summary>How <see cref="BatchPlan"/> orders examples.</summary>
/// <param name="GroupByLength">
/// Sort each chunk of <paramref name="ChunkBatches"/> * batch size shuffled examples by length before cutting it
/// into batches (then shuffle the batches), so a batch holds examples of similar length and wastes little padding.
/// </param>
/// <param name="ChunkBatches">Batches per sorting chunk: larger groups lengths better but makes order less random.</param>
public sealed record BatchPlanOptions(bool GroupByLength = true, int ChunkBatches = 50);
