namespace ForgetCloud.Learning.Metrics;

/// <summary>How a <see cref="ConfidenceInterval"/> was computed; written with every interval so a reader knows.</summary>
public enum IntervalMethod
{
    /// <summary>Wilson score interval of a proportion (<see cref="WilsonInterval"/>): accuracies.</summary>
    Wilson,

    /// <summary>Percentile bootstrap over test items (<see cref="Bootstrap"/>): NLLs and differences, paired where
    /// the same items appear in every term.</summary>
    PercentileBootstrap,

    /// <summary>Student t interval over seeds (<see cref="SeedStatistics"/>).</summary>
    StudentT,
}
