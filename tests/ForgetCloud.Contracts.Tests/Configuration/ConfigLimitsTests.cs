using System.Diagnostics;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Tests.Configuration;

/// <summary>The parsers' depth and size limits (issue 9): hostile text is an error naming the limit, never a crash.</summary>
public class ConfigLimitsTests
{
    private static StudyConfigLoadResult Load(string text, ConfigFormat format) =>
        StudyConfigLoader.LoadText(text, format, ConfigText.NoPathChecks);

    [Fact]
    public void Five_thousand_nested_brackets_in_yaml_are_an_error_naming_the_depth_limit()
    {
        // 10 KB: this overflowed the stack (a crash of the whole process, not an exception) before the limit.
        var result = Load(new string('[', 5000), ConfigFormat.Yaml);

        var error = Assert.Single(result.Errors);
        Assert.Contains($"limit of {ConfigLimits.MaxDepth} levels", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, ConfigLimits.MaxDepth + 1), (error.Line, error.Column));
    }

    [Theory]
    [InlineData(ConfigFormat.Yaml, "{a: ", "}")]
    [InlineData(ConfigFormat.Yaml, "[", "]")]
    [InlineData(ConfigFormat.Json, "{\"a\": ", "}")]
    [InlineData(ConfigFormat.Json, "[", "]")]
    public void Nesting_one_level_past_the_limit_is_refused_and_at_the_limit_it_parses(ConfigFormat format, string open, string close)
    {
        // The top-level mapping is level 1; "model" holds the other depth - 1.
        string Nested(int depth)
        {
            var inner = string.Concat(Enumerable.Repeat(open, depth - 1)) + "1" + string.Concat(Enumerable.Repeat(close, depth - 1));
            return format == ConfigFormat.Json ? "{\"model\": " + inner + "}" : "model: " + inner;
        }

        var atLimit = Load(Nested(ConfigLimits.MaxDepth), format);
        var past = Load(Nested(ConfigLimits.MaxDepth + 1), format);

        Assert.DoesNotContain(atLimit.Errors, e => e.Message.Contains("nesting", StringComparison.Ordinal));
        Assert.NotEmpty(atLimit.Errors); // "model" is no list: binding ran, as it should on a document within the limits
        var error = Assert.Single(past.Errors);
        Assert.Contains($"nesting is deeper than the limit of {ConfigLimits.MaxDepth} levels", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Theory]
    [InlineData(ConfigFormat.Yaml)]
    [InlineData(ConfigFormat.Json)]
    public void A_document_over_the_size_limit_is_refused_naming_the_limit(ConfigFormat format)
    {
        var text = "# " + new string('x', ConfigLimits.MaxDocumentChars) + "\n";

        var error = Assert.Single(Load(text, format).Errors);

        Assert.Contains($"more than the limit of {ConfigLimits.MaxDocumentChars}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fuzzed_documents_are_results_never_exceptions()
    {
        // Bounded and deterministic: the same 700 documents every run, a few seconds in all.
        var clock = Stopwatch.StartNew();
        foreach (var (kind, text) in ConfigFuzz.Documents(seed: 9, count: 700, maxChars: ConfigLimits.MaxDocumentChars))
        {
            foreach (var format in new[] { ConfigFormat.Yaml, ConfigFormat.Json })
            {
                StudyConfigLoadResult result;
                try
                {
                    result = Load(text, format);
                }
                catch (Exception e)
                {
                    Assert.Fail($"{kind} document as {format} ({text.Length} chars, starts '{Preview(text)}') threw {e.GetType().Name}: {e.Message}");
                    throw;
                }
                Assert.True(result.Succeeded || result.Errors.Count > 0, $"{kind}: neither a config nor an error");
            }
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the fuzz run took {clock.Elapsed}");
    }

    private static string Preview(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
