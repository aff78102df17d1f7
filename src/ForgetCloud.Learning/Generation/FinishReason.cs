namespace ForgetCloud.Learning.Generation;

public enum FinishReason
{
    Eos,
    StopString,
    MaxNewTokens,
}
