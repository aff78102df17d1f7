using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Tests.Data;

namespace ForgetCloud.Learning.Tests.Evaluation;

public class EvaluationRecordFilesTests
{
    private static readonly Gsm8kItemResult[] Gsm8k =
    [
        new("gsm8k-test-0", "Question: 1+1?\nAnswer:", " 1+1=2\n#### 2", "2", "2", "2", true, true, 1.0 / 3, 7),
        new("gsm8k-test-1", "", "", "[invalid]", "5", "18", false, false, 123.456789012345678, 40),
        new("gsm8k-test-2", "Question: \"quotes\" and ünïcode ✓\nAnswer:", "\t#### -3.5", "-3.5", "-3.5", "-3.5", true, true, 0, 0),
    ];

    private static readonly AquaRatItemResult[] AquaRat =
    [
        new("aqua_rat-test-0", "Question: q\nOptions:\nA) 1\nB) 2\nC) 3\nD) 4\nE) 5\nAnswer:", " so\nThe answer is C.", "C",
            [-1.5, -2.25, -0.125, -10, -3e-7], "C", "A", "C", 55.5, 21),
        new("aqua_rat-test-1", "", "", "E", [-4, -4, -4, -4, -4], "A", "A", null, 9.75, 3),
    ];

    private static void AssertSame(Gsm8kItemResult expected, Gsm8kItemResult actual) => Assert.Equal(expected, actual);

    private static void AssertSame(AquaRatItemResult expected, AquaRatItemResult actual)
    {
        // Records compare lists by reference: compare the list by value and the rest as a record.
        Assert.Equal(expected.OptionLogLikelihoods, actual.OptionLogLikelihoods);
        Assert.Equal(expected with { OptionLogLikelihoods = [] }, actual with { OptionLogLikelihoods = [] });
    }

    [Fact]
    public void FileNamesNameTheDatasetAndTheStage()
    {
        Assert.Equal("gsm8k_stage1.jsonl", EvaluationRecordFiles.FileName(DatasetKind.Gsm8k, 1));
        Assert.Equal("aqua_rat_stage0.jsonl", EvaluationRecordFiles.FileName(DatasetKind.AquaRat, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationRecordFiles.FileName(DatasetKind.Gsm8k, -1));
    }

    [Fact]
    public void AStageRoundTripsExactly()
    {
        using var dir = new TempDirectory();
        var stage = new StageEvaluation("muon", 2, "checkpoints/stage2", Gsm8k, AquaRat);
        var (gsm8kPath, aquaRatPath) = EvaluationRecordFiles.WriteStage(dir.Path, stage);
        Assert.Equal(Path.Combine(dir.Path, "gsm8k_stage2.jsonl"), gsm8kPath);
        Assert.Equal(Path.Combine(dir.Path, "aqua_rat_stage2.jsonl"), aquaRatPath);
        Assert.Equal(3, File.ReadAllLines(gsm8kPath).Length);

        var read = EvaluationRecordFiles.ReadStage(dir.Path, "muon", 2, "checkpoints/stage2");
        Assert.Equal(("muon", 2, "checkpoints/stage2"), (read.ArmId, read.Stage, read.Checkpoint));
        Assert.Equal(Gsm8k.Length, read.Gsm8k.Count);
        for (var i = 0; i < Gsm8k.Length; i++) AssertSame(Gsm8k[i], read.Gsm8k[i]);
        Assert.Equal(AquaRat.Length, read.AquaRat.Count);
        for (var i = 0; i < AquaRat.Length; i++) AssertSame(AquaRat[i], read.AquaRat[i]);
    }

    [Fact]
    public void LinesAreSnakeCaseObjectsWithTheDerivedValuesForOtherTools()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "gsm8k_stage0.jsonl");
        EvaluationRecordFiles.WriteGsm8k(path, Gsm8k);
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("{\"id\":\"gsm8k-test-0\",", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"answer_nll_sum\":", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"answer_nll\":0.047619047619047616", lines[0], StringComparison.Ordinal);
        // No scored tokens: the mean is NaN, written as such and still readable.
        Assert.Contains("\"answer_nll\":\"NaN\"", lines[2], StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void BadFilesFailWithTheFileAndLine()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "aqua_rat_stage1.jsonl");
        EvaluationRecordFiles.WriteAquaRat(path, AquaRat);
        var lines = File.ReadAllLines(path);

        File.WriteAllLines(path, [lines[0], lines[1].Replace("\"rationale_tokens\":3,", "", StringComparison.Ordinal)]);
        var missing = Assert.Throws<DataFormatException>(() => EvaluationRecordFiles.ReadAquaRat(path));
        Assert.Equal((path, 2), (missing.FilePath, missing.LineNumber));
        Assert.Contains("rationale_tokens", missing.Message, StringComparison.Ordinal);

        File.WriteAllLines(path, [lines[0].Replace("[-1.5,", "[", StringComparison.Ordinal)]);
        Assert.Contains("option_log_likelihoods has 4", Assert.Throws<DataFormatException>(() => EvaluationRecordFiles.ReadAquaRat(path)).Message, StringComparison.Ordinal);

        File.WriteAllLines(path, [lines[0].Replace("\"gold\":\"C\"", "\"gold\":null", StringComparison.Ordinal)]);
        Assert.Equal(1, Assert.Throws<DataFormatException>(() => EvaluationRecordFiles.ReadAquaRat(path)).LineNumber);

        File.WriteAllLines(path, [lines[0], "", lines[1]]);
        Assert.Equal(2, Assert.Throws<DataFormatException>(() => EvaluationRecordFiles.ReadAquaRat(path)).LineNumber);

        Assert.Throws<FileNotFoundException>(() => EvaluationRecordFiles.ReadGsm8k(Path.Combine(dir.Path, "none.jsonl")));
    }
}
