using System.Text.RegularExpressions;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Tests.Configuration;

public partial class DocumentationTests
{
    [Fact]
    public void EveryKeyTheWriterEmitsIsDocumentedAndNothingElse()
    {
        // Two configs between them take every optional branch (warmup_steps vs warmup_ratio, mu present).
        var plain = new StudyConfig();
        var other = new StudyConfig
        {
            Training = new TrainingConfig { Stage1 = new StageConfig { WarmupSteps = null, WarmupRatio = 0.1 } },
            Optimizer = new OptimizerConfig { Muon = new MuonConfig { Mu = 0.01 } },
        };
        var written = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var config in new[] { plain, other }) Collect(StudyConfigWriter.ToNode(config), "", written);
        var normalized = new SortedSet<string>(written.Select(p => StageN().Replace(p, "training.stageN.")), StringComparer.Ordinal);

        var doc = File.ReadAllText(Path.Combine(ConfigText.RepoRoot(), "docs", "configuration.md"));
        var start = doc.IndexOf("\n## Keys", StringComparison.Ordinal);
        var end = doc.IndexOf("\n## Flags", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "docs/configuration.md lost its '## Keys' or '## Flags' heading");
        var documented = new SortedSet<string>(DocumentedKey().Matches(doc[start..end]).Select(m => m.Groups[1].Value), StringComparer.Ordinal);

        // The original's mixed_precision is read (an alias of dtype) but never written: dtype carries it, auto included.
        Assert.True(documented.Remove("mixed_precision"), "docs/configuration.md no longer documents mixed_precision");
        Assert.Equal(normalized, documented);
    }

    private static void Collect(ConfigNode node, string path, ISet<string> paths)
    {
        if (node is MappingNode map)
        {
            foreach (var entry in map.Entries) Collect(entry.Value, path.Length == 0 ? entry.Key : $"{path}.{entry.Key}", paths);
        }
        else
        {
            paths.Add(path);
        }
    }

    [GeneratedRegex(@"^training\.stage[12]\.")]
    private static partial Regex StageN();

    [GeneratedRegex(@"^\| `([a-z0-9_.N]+)`", RegexOptions.Multiline)]
    private static partial Regex DocumentedKey();
}
