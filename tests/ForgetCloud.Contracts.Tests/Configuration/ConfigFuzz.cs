using System.Text;

namespace ForgetCloud.Contracts.Tests.Configuration;

/// <summary>
/// Deterministic hostile config documents for fuzz tests (the config parser here; the Api's request bodies in
/// ForgetCloud.AppHost.Tests, which links this file): deep nesting, truncations and mutations of a real config,
/// random bytes, documents around the size limit, alias fans. The same seed gives the same documents.
/// </summary>
internal static class ConfigFuzz
{
    public const string Sample = """
        model:
          name: smoke
          use_lora: true
          lora_rank: 4
          target_modules: [q_proj, v_proj]
        training:
          stage1: { dataset: gsm8k, max_examples: 32, learning_rate: 1.0e-3 }
          stage2: { dataset: aqua_rat, max_examples: 32, learning_rate: 1.0e-3 }
        optimizer: { type: adamw }
        evaluation: { batch_size: 16, max_examples: { gsm8k: 8, aqua_rat: 8 } }
        seed: 42
        """;

    public const string JsonSample = """
        {"model": {"name": "smoke", "use_lora": true, "lora_rank": 4, "target_modules": ["q_proj", "v_proj"]},
         "training": {"stage1": {"dataset": "gsm8k", "max_examples": 32}, "stage2": {"dataset": "aqua_rat"}},
         "optimizer": {"type": "adamw"}, "seed": 42}
        """;

    private static readonly string[] Openers = ["[", "{", "- ", "a: ", "{a: ", "[{", "{\"a\":", "&x [", "!!str ", "? "];
    private static readonly string Alphabet = "[]{}:,-?&*!|>'\"#%@` \t\n\r\\0aZ9.~\u0000\u00e9\u2028\uffff";

    /// <summary><paramref name="count"/> documents from <paramref name="seed"/>; each is short enough to parse in milliseconds.</summary>
    public static IEnumerable<(string Kind, string Text)> Documents(int seed, int count, int maxChars)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            // Documents near the size limit take ~100 ms each to parse: one in 70 is one.
            var kind = i % 7 == 5 && i % 70 != 5 ? 3 : i % 7;
            yield return kind switch
            {
                0 => ("deep", Deep(random, random.Next(1, 6000))),
                1 => ("truncated", Truncate(random, random.Next(2) == 0 ? Sample : JsonSample)),
                2 => ("mutated", Mutate(random, random.Next(2) == 0 ? Sample : JsonSample)),
                3 => ("random", RandomText(random, random.Next(0, 400))),
                4 => ("bytes", RandomBytes(random, random.Next(0, 400))),
                5 => ("wide", Wide(random, maxChars)),
                _ => ("aliases", Aliases(random)),
            };
        }
    }

    /// <summary>Openers nested <paramref name="depth"/> times, closed (or not) at random.</summary>
    public static string Deep(Random random, int depth)
    {
        var opener = Openers[random.Next(Openers.Length)];
        var text = new StringBuilder(opener.Length * depth + 8);
        for (var i = 0; i < depth; i++) text.Append(opener);
        text.Append('1');
        if (random.Next(2) == 0)
        {
            var closer = opener.Contains('{') ? "}" : opener.Contains('[') ? "]" : "";
            for (var i = 0; i < depth; i++) text.Append(closer);
        }
        return text.ToString();
    }

    private static string Truncate(Random random, string text) => text[..random.Next(text.Length + 1)];

    private static string Mutate(Random random, string text)
    {
        var chars = text.ToCharArray().ToList();
        var edits = random.Next(1, 12);
        for (var e = 0; e < edits && chars.Count > 0; e++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                default: chars.RemoveAt(at); break;
            }
        }
        return new string([.. chars]);
    }

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append(Alphabet[random.Next(Alphabet.Length)]);
        return text.ToString();
    }

    private static string RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A flat list or mapping just under or just over <paramref name="maxChars"/>.</summary>
    private static string Wide(Random random, int maxChars)
    {
        var target = maxChars + random.Next(-64, 64);
        var text = new StringBuilder(target + 16);
        var mapping = random.Next(2) == 0;
        text.Append(mapping ? "{" : "[");
        for (var i = 0; text.Length < target - 2; i++)
            text.Append(mapping ? $"k{i}: {i}, " : $"{i}, ");
        text.Append(mapping ? "}" : "]");
        return text.ToString();
    }

    /// <summary>Each level refers to the previous one many times: a "billion laughs" if anything expanded aliases.</summary>
    private static string Aliases(Random random)
    {
        var levels = random.Next(5, 30);
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < levels; i++)
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 8))}]\n");
        return text.ToString();
    }
}
