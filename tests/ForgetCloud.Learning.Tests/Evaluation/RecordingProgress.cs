using ForgetCloud.Learning.Evaluation;

namespace ForgetCloud.Learning.Tests.Evaluation;

/// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<EvaluationProgress>
{
    public List<EvaluationProgress> Reports { get; } = [];

    public void Report(EvaluationProgress value) => Reports.Add(value);
}
