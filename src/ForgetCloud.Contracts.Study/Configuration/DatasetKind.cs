namespace ForgetCloud.Contracts.Configuration;

/// <summary>A dataset a stage trains on and a study evaluates on (<c>training.stageN.dataset</c>).</summary>
public enum DatasetKind
{
    /// <summary><c>gsm8k</c>: grade-school math, answers end in <c>#### N</c>; splits train and test.</summary>
    Gsm8k,

    /// <summary><c>aqua_rat</c>: multiple-choice algebra with rationales; splits train, dev and test.</summary>
    AquaRat,
}
