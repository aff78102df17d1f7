namespace ForgetCloud.Learning.Data;

/// <summary>The datasets a study trains and evaluates on.</summary>
public enum DatasetKind
{
    Gsm8k,
    AquaRat,
}
