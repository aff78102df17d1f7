namespace ForgetCloud.Learning.Training;

/// <summary>Raised when too many consecutive steps had a non-finite gradient norm for training to be meaningful.</summary>
public sealed class NonFiniteGradientException(string message) : Exception(message);
