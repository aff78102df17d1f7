namespace ForgetCloud.Learning.Optimization;

internal static class OptionChecks
{
    public static void InHalfOpenUnitInterval(double value, string key)
    {
        if (!double.IsFinite(value) || value < 0 || value >= 1)
        {
            throw new ArgumentException($"{key} = {value} is not allowed: it must lie in [0, 1).");
        }
    }

    public static void Positive(double value, string key)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentException($"{key} = {value} is not allowed: it must be a finite number > 0.");
        }
    }

    public static void NonNegative(double value, string key)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException($"{key} = {value} is not allowed: it must be a finite number >= 0.");
        }
    }

    public static void LearningRate(double learningRate)
    {
        if (!double.IsFinite(learningRate) || learningRate < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(learningRate), learningRate, "The learning rate must be a finite number >= 0.");
        }
    }
}
