namespace ForgetCloud.Learning.Generation;

/// <summary>Greedy decoding settings.</summary>
public sealed record GenerationOptions
{
    public int MaxNewTokens { get; init; } = 256;
    /// <summary>Generation of a sequence stops after any of these ids (the id is not part of the output).</summary>
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    /// <summary>Id fed for padding (left) and for finished sequences; never attended to.</summary>
    public int PadTokenId { get; init; }
    /// <summary>Generation stops once the decoded output contains one of these; needs <see cref="Decode"/>.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];
    /// <summary>Token ids to text, for stop strings and <see cref="GenerationResult.Text"/>.</summary>
    public Func<IReadOnlyList<int>, string>? Decode { get; init; }
}
