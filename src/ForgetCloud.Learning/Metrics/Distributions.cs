namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// The few distribution functions the uncertainty code needs (.NET has none): Student's t CDF and quantile,
/// the chi-square (1 degree of freedom) upper tail, and the binomial CDF at p = 1/2. Built on the regularized
/// incomplete beta and gamma functions (continued fractions / series, Numerical Recipes ch. 6), accurate to ~1e-13.
/// </summary>
public static class Distributions
{
    private const int MaxIterations = 500;
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;

    /// <summary>P(T &lt;= t) for Student's t with <paramref name="degreesOfFreedom"/> &gt; 0.</summary>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsNaN(t))
        {
            throw new ArgumentOutOfRangeException(
                nameof(degreesOfFreedom), $"Student t needs df > 0 and a number, got df={degreesOfFreedom}, t={t}");
        }

        // P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2).
        var tail = RegularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + (t * t)), degreesOfFreedom / 2, 0.5);
        return t >= 0 ? 1 - (tail / 2) : tail / 2;
    }

    /// <summary>The t such that P(T &lt;= t) = <paramref name="probability"/>, for 0 &lt; p &lt; 1.</summary>
    public static double StudentTQuantile(double probability, double degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), $"Quantile needs 0 < p < 1, got {probability}");
        }

        if (probability == 0.5)
        {
            return 0;
        }

        if (probability < 0.5)
        {
            return -StudentTQuantile(1 - probability, degreesOfFreedom);
        }

        // The CDF is monotone: bracket, then bisect to machine precision (cheap; called once per summary).
        double lo = 0, hi = 1;
        while (StudentTCdf(hi, degreesOfFreedom) < probability)
        {
            lo = hi;
            hi *= 2;
        }

        for (var i = 0; i < 200 && hi - lo > 1e-13 * Math.Max(1, hi); i++)
        {
            var mid = (lo + hi) / 2;
            if (StudentTCdf(mid, degreesOfFreedom) < probability)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    /// <summary>Phi(x) = P(Z &lt;= x) for a standard normal Z: (1 + sign(x) P(1/2, x^2/2)) / 2.</summary>
    public static double StandardNormalCdf(double x)
    {
        if (double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), "Normal CDF needs a number");
        var half = (1 - RegularizedUpperGamma(0.5, x * x / 2)) / 2;
        return x >= 0 ? 0.5 + half : 0.5 - half;
    }

    /// <summary>The z with Phi(z) = <paramref name="probability"/>, for 0 &lt; p &lt; 1 (bisection, like
    /// <see cref="StudentTQuantile"/>).</summary>
    public static double StandardNormalQuantile(double probability)
    {
        if (!(probability > 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), $"Quantile needs 0 < p < 1, got {probability}");
        }

        if (probability < 0.5) return -StandardNormalQuantile(1 - probability);
        double lo = 0, hi = 1;
        while (StandardNormalCdf(hi) < probability)
        {
            lo = hi;
            hi *= 2;
        }

        for (var i = 0; i < 200 && hi - lo > 1e-14 * Math.Max(1, hi); i++)
        {
            var mid = (lo + hi) / 2;
            if (StandardNormalCdf(mid) < probability) lo = mid;
            else hi = mid;
        }

        return (lo + hi) / 2;
    }

    /// <summary>P(X &gt; x) for a chi-square variable with one degree of freedom: Q(1/2, x/2).</summary>
    public static double ChiSquareSurvivalOneDf(double x)
    {
        if (double.IsNaN(x) || x < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"Chi-square statistic must be >= 0, got {x}");
        }

        return RegularizedUpperGamma(0.5, x / 2);
    }

    /// <summary>P(X &lt;= k) for X ~ Binomial(n, 1/2), n &lt;= 1000 (summed term by term, exact for small n).</summary>
    public static double BinomialCdfHalf(int k, int n)
    {
        if (n < 0 || n > 1000 || k < 0 || k > n)
        {
            throw new ArgumentOutOfRangeException(
                nameof(k), $"Binomial CDF needs 0 <= k <= n <= 1000, got k={k}, n={n}");
        }

        // pmf(i) = C(n, i) / 2^n, built by pmf(i) = pmf(i - 1) (n - i + 1) / i; 2^-1000 is still a normal double.
        var term = Math.ScaleB(1.0, -n);
        var sum = term;
        for (var i = 1; i <= k; i++)
        {
            term = term * (n - i + 1) / i;
            sum += term;
        }

        return Math.Min(1, sum);
    }

    /// <summary>ln Gamma(x) for x &gt; 0: Lanczos approximation with Godfrey's coefficients (g = 671/128,
    /// 14 terms; Numerical Recipes 3rd ed. <c>gammln</c>), relative error ~2e-15.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0) || double.IsInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"LogGamma needs a finite x > 0, got {x}");
        }

        ReadOnlySpan<double> coefficients =
        [
            57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
            .339946499848118887e-4, .465236289270485756e-4, -.983744753048795646e-4, .158088703224912494e-3,
            -.210264441724104883e-3, .217439618115212643e-3, -.164318106536763890e-3, .844182239838527433e-4,
            -.261908384015814087e-4, .368991826595316234e-5,
        ];
        var tmp = x + 5.24218750000000000;
        tmp = ((x + 0.5) * Math.Log(tmp)) - tmp;
        var series = 0.999999999999997092;
        var y = x;
        foreach (var c in coefficients)
        {
            series += c / ++y;
        }

        return tmp + Math.Log(2.5066282746310005 * series / x);
    }

    /// <summary>I_x(a, b), the regularized incomplete beta function.</summary>
    private static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(
            LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(x, a, b) / a
            : 1 - (front * BetaContinuedFraction(1 - x, b, a) / b);
    }

    private static double BetaContinuedFraction(double x, double a, double b)
    {
        // Modified Lentz's method.
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return h;
            }
        }

        throw new InvalidOperationException($"Incomplete beta did not converge for x={x}, a={a}, b={b}");
    }

    /// <summary>Q(a, x) = Gamma(a, x) / Gamma(a), the regularized upper incomplete gamma function.</summary>
    private static double RegularizedUpperGamma(double a, double x)
    {
        if (x == 0)
        {
            return 1;
        }

        var logFront = (a * Math.Log(x)) - x - LogGamma(a);
        if (x < a + 1)
        {
            // Series for P(a, x).
            var sum = 1 / a;
            var term = sum;
            for (var n = 1; n <= MaxIterations; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
                {
                    return 1 - (sum * Math.Exp(logFront));
                }
            }

            throw new InvalidOperationException($"Incomplete gamma series did not converge for a={a}, x={x}");
        }

        // Continued fraction for Q(a, x) (modified Lentz).
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i <= MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return Math.Exp(logFront) * h;
            }
        }

        throw new InvalidOperationException($"Incomplete gamma fraction did not converge for a={a}, x={x}");
    }
}
