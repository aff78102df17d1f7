using System.Globalization;

namespace ForgetCloud.Contracts.Configuration;

/// <summary>An allowed numeric range and its wording in messages (<c>must be &gt; 0</c>).</summary>
internal sealed record Bound(Func<double, bool> Contains, string Description)
{
    public static readonly Bound Any = new(_ => true, "");
    public static readonly Bound Positive = new(v => v > 0, "must be > 0");
    public static readonly Bound NonNegative = new(v => v >= 0, "must be >= 0");
    public static readonly Bound UnitRightOpen = new(v => v is >= 0 and < 1, "must be in [0, 1)");
    public static readonly Bound UnitOpen = new(v => v is > 0 and < 1, "must be in (0, 1)");

    public static Bound AtLeast(long min) =>
        new(v => v >= min, "must be >= " + min.ToString(CultureInfo.InvariantCulture));
}
