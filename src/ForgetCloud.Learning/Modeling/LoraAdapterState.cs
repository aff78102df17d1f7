namespace ForgetCloud.Learning.Modeling;

/// <summary>The LoRA factors attached to one projection, their scale (alpha / r), dropout and merge state.</summary>
public sealed class LoraAdapterState(LoraFactor a, LoraFactor b, double scale, double dropout)
{
    public LoraFactor A { get; } = a;
    public LoraFactor B { get; } = b;
    public double Scale { get; } = scale;
    public double Dropout { get; } = dropout;
    public bool Merged { get; internal set; }
}
