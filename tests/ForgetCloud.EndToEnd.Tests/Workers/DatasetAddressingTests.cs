using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Learning.Tokenization;
using ForgetCloud.Workers.Datasets;

namespace ForgetCloud.EndToEnd.Tests.Workers;

/// <summary>Content addressing of dataset parts and the blob paths the workers add; no servers.</summary>
public sealed class DatasetAddressingTests
{
    private static readonly DatasetIdentity Stage1 = new(DatasetIdentity.CurrentFormat, DatasetPart.Stage1, "gsm8k", "train",
        new string('a', 64), "fingerprint", 32, 128);

    [Fact]
    public void The_same_inputs_give_the_same_address_and_every_input_moves_it()
    {
        Assert.Equal(Stage1.Hash(), (Stage1 with { }).Hash());
        Assert.Matches("^[0-9a-f]{64}$", Stage1.Hash());
        DatasetIdentity[] changed =
        [
            Stage1 with { Format = 2 }, Stage1 with { Part = DatasetPart.Stage2 }, Stage1 with { Dataset = "aqua_rat" },
            Stage1 with { Split = "test" }, Stage1 with { SourceSha256 = new string('b', 64) }, Stage1 with { Tokenizer = "other" },
            Stage1 with { Tokenizer = null }, Stage1 with { MaxExamples = 33 }, Stage1 with { MaxExamples = null }, Stage1 with { MaxLength = 256 },
        ];
        var hashes = changed.Select(i => i.Hash()).Append(Stage1.Hash()).ToArray();
        Assert.Equal(hashes.Length, hashes.Distinct().Count());
    }

    [Fact]
    public void A_tokenizer_fingerprint_is_stable_and_tells_tokenizers_apart()
    {
        var gpt2 = TokenizerFingerprint.Of(TokenizerFactory.FromName("gpt2"));
        Assert.Equal(gpt2, TokenizerFingerprint.Of(TokenizerFactory.FromName("gpt2")));
        Assert.NotEqual(gpt2, TokenizerFingerprint.Of(TokenizerFactory.FromName("gpt2-512")));
    }

    [Fact]
    public void Training_records_and_TensorBoard_folders_live_under_the_arm_and_run()
    {
        Assert.Equal("runs/r1/adamw/training/stage2.jsonl", BlobLayout.TrainingRecords("r1", "adamw", 2));
        Assert.Equal("runs/r1/tensorboard/muon_seed43/stage1/", BlobLayout.StageTensorBoard("r1", "muon_seed43", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlobLayout.TrainingRecords("r1", "adamw", 0));
        Assert.Throws<ArgumentException>(() => BlobLayout.StageTensorBoard("r1", "../x", 1));
    }
}
