namespace ForgetCloud.Learning.Tests.Optimization;

/// <summary>AdamW as written in Loshchilov &amp; Hutter / the torch docs, in plain doubles, element by element.</summary>
internal sealed class AdamWReference(double[] parameters, double beta1, double beta2, double epsilon, double weightDecay)
{
    private readonly double[] _m = new double[parameters.Length];
    private readonly double[] _v = new double[parameters.Length];
    private int _t;

    public double[] Parameters { get; } = (double[])parameters.Clone();

    public void Step(double[] gradient, double learningRate)
    {
        _t++;
        for (var i = 0; i < Parameters.Length; i++)
        {
            Parameters[i] -= learningRate * weightDecay * Parameters[i];
            _m[i] = beta1 * _m[i] + (1 - beta1) * gradient[i];
            _v[i] = beta2 * _v[i] + (1 - beta2) * gradient[i] * gradient[i];
            var mHat = _m[i] / (1 - Math.Pow(beta1, _t));
            var vHat = _v[i] / (1 - Math.Pow(beta2, _t));
            Parameters[i] -= learningRate * mHat / (Math.Sqrt(vHat) + epsilon);
        }
    }
}
