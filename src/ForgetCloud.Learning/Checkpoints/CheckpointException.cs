namespace ForgetCloud.Learning.Checkpoints;

/// <summary>A checkpoint that is incomplete, corrupt or does not fit the run that tries to load it.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : IOException(message, inner);
