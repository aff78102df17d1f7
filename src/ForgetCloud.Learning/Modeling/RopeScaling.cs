namespace ForgetCloud.Learning.Modeling;

/// <summary>The <c>rope_scaling</c> block of a Llama 3.x config (only <c>rope_type: "llama3"</c> is supported).</summary>
public sealed record RopeScaling(
    string RopeType,
    double Factor,
    double LowFreqFactor,
    double HighFreqFactor,
    int OriginalMaxPositionEmbeddings);
