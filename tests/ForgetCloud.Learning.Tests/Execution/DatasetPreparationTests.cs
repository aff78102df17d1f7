using System.Text.Json;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Tests.TestSupport;

namespace ForgetCloud.Learning.Tests.Execution;

public sealed class DatasetPreparationTests
{
    [Fact]
    public void Stages_take_the_first_examples_in_file_order_and_test_sets_are_whole()
    {
        var config = ExecutionScenario.Config();
        var data = ExecutionScenario.Data(config);

        // Independent reading: the file's first 8 JSON lines; the tokenized text must hold each answer's final number.
        var finals = File.ReadLines(Path.Combine(TestPaths.SharedData, "gsm8k", "train.jsonl")).Take(8)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("answer").GetString()!.Split("####")[^1].Trim()).ToArray();
        Assert.Equal(DatasetKind.Gsm8k, data.Stage1.Dataset);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => ForgetCloud.Learning.Data.DatasetFiles.ExampleId(DatasetKind.Gsm8k, "train", i)),
            data.Stage1.Data.Examples.Select(e => e.Id));
        var tokenizer = ExecutionScenario.Tokenizer;
        for (var i = 0; i < 8; i++)
        {
            var example = data.Stage1.Data.Examples[i];
            if (!example.Truncated) Assert.EndsWith(finals[i], tokenizer.Decode(example.InputIds.Take(example.Length - 1)), StringComparison.Ordinal);
        }

        Assert.Equal(DatasetKind.AquaRat, data.Stage2.Dataset);
        Assert.Equal("dev", data.Stage2.Split);
        Assert.Equal(8, data.Stage2.Data.Examples.Count);
        Assert.Equal(File.ReadLines(Path.Combine(TestPaths.SharedData, "gsm8k", "test.jsonl")).Count(), data.Gsm8kTest.Count);
        Assert.Equal(File.ReadLines(Path.Combine(TestPaths.SharedData, "aqua_rat", "test.json")).Count(l => l.Length > 0), data.AquaRatTest.Count);
    }

    [Fact]
    public async Task Truncation_summary_counts_examples_longer_than_max_length()
    {
        var config = ExecutionScenario.Config();
        var data = ExecutionScenario.Data(config);
        var tokenizer = ExecutionScenario.Tokenizer;

        // Recount: prompt + target + EOS lengths of the same first 8 rendered examples.
        var rendered = (await new ForgetCloud.Learning.Data.DatasetLoader(new ForgetCloud.Learning.Data.LocalDatasetSource(TestPaths.SharedData))
            .LoadRenderedAsync(DatasetKind.AquaRat, "dev", TestContext.Current.CancellationToken)).Take(8).ToArray();
        var lengths = rendered.Select(r => tokenizer.Encode(r.Prompt).Count + tokenizer.Encode(r.Target).Count + 1).ToArray();
        var summary = data.Stage2.Summary;
        Assert.Equal(96, summary.MaxLength);
        Assert.Equal(lengths.Count(l => l > 96), summary.TruncatedExamples);
        Assert.True(summary.TruncatedExamples > 0, "AQUA-RAT rationales exceed 96 tokens: the case must be exercised");
        Assert.All(data.Stage2.Data.Examples, e => Assert.True(e.Length <= 96));
    }

    [Fact]
    public void A_local_source_without_a_directory_is_an_error_naming_the_key()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetPreparation.SourceFor(new DataConfig { Source = DataSourceKind.Local }));
        Assert.Contains("data.local_dir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Downloads_need_a_download_source_from_the_caller_the_science_opens_no_socket()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetPreparation.SourceFor(new DataConfig { Source = DataSourceKind.Download }));
        Assert.Contains("data.source is download", e.Message, StringComparison.Ordinal);
        IDatasetSource given = new LocalDatasetSource(TestPaths.SharedData);
        string? cache = null;
        Assert.Same(given, DatasetPreparation.SourceFor(new DataConfig { Source = DataSourceKind.Download, CacheDir = "/c" }, dir => { cache = dir; return given; }));
        Assert.Equal("/c", cache);
    }

    [Fact]
    public async Task A_hub_id_without_a_downloader_is_an_error_naming_the_model()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => ForgetCloud.Learning.Modeling.ModelSource.ResolveAsync("meta-llama/Llama-3.2-1B", null, TestContext.Current.CancellationToken));
        Assert.Contains("'meta-llama/Llama-3.2-1B' is a Hugging Face hub id", e.Message, StringComparison.Ordinal);
    }
}
