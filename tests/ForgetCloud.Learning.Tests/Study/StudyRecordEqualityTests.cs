using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Learning.Tests.Study;

/// <summary>
/// The workflow's records that write their own equality (records compare <see cref="ImmutableArray{T}"/> by
/// reference, so they compare arrays element-wise by hand) must still compare every property. Found by reflection,
/// so a property added later without a line in Equals fails here: two instances built alike are equal, and changing
/// any one settable property makes them differ.
/// </summary>
public sealed class StudyRecordEqualityTests
{
    public static TheoryData<string> HandWrittenEquality() =>
        [.. typeof(StudyState).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(StudyState).Namespace && !t.IsAbstract
                && t.GetMethod("Equals", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly, [t]) is { } equals
                && !equals.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void The_records_with_hand_written_equality_are_found()
    {
        var names = HandWrittenEquality().Select(row => row.Data.Split('.')[^1]).ToList();
        foreach (var expected in new[] { nameof(StudyState), nameof(ArmState), nameof(StudyOptions), nameof(AnalyzeStudy), nameof(DatasetsPrepared) })
            Assert.Contains(expected, names);
    }

    [Theory]
    [MemberData(nameof(HandWrittenEquality))]
    public void Equality_covers_every_property(string typeName)
    {
        var type = typeof(StudyState).Assembly.GetType(typeName)!;
        var first = Sample(type, 0);
        Assert.Equal(first, Sample(type, 0));
        Assert.Equal(first.GetHashCode(), Sample(type, 0).GetHashCode());

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            var changed = Clone(first);
            property.SetValue(changed, Sample(property.PropertyType, 1));
            Assert.False(first.Equals(changed), $"{type.Name}.Equals ignores {property.Name}");
        }
    }

    private static object Clone(object record) =>
        record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;

    /// <summary>A value of <paramref name="type"/>; variants 0 and 1 differ in every part.</summary>
    private static object Sample(Type type, int variant)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Sample(inner, variant);
        if (type == typeof(string)) return $"value{variant}";
        if (type == typeof(int)) return variant + 1;
        if (type == typeof(long)) return (long)variant + 1;
        if (type == typeof(double)) return variant + 0.5;
        if (type == typeof(bool)) return variant == 1;
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue((variant + 1) % values.Length)!;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var element = type.GetGenericArguments()[0];
            var items = Array.CreateInstance(element, 1);
            items.SetValue(Sample(element, variant), 0);
            return typeof(ImmutableArray).GetMethods()
                .Single(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
                .MakeGenericMethod(element).Invoke(null, [items])!;
        }
        if (type.IsAbstract)
            return Sample(type.Assembly.GetTypes().First(t => t.IsSubclassOf(type) && !t.IsAbstract), variant);
        if (typeof(IEnumerable).IsAssignableFrom(type))
            throw new NotSupportedException($"no sample for collection type {type}: add one here");

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var value = constructor.Invoke([.. constructor.GetParameters().Select(p => Sample(p.ParameterType, variant))]);
        foreach (var property in type.GetProperties().Where(p => p.SetMethod is not null
            && !constructor.GetParameters().Any(c => string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            property.SetValue(value, Sample(property.PropertyType, variant));
        return value;
    }
}
