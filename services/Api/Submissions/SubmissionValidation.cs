namespace ForgetCloud.Api.Submissions;

/// <summary>Either a plan or every problem found, keyed by config path (<c>training.stage1.learning_rate</c>) or flag (<c>seeds</c>).</summary>
public sealed record SubmissionValidation(ValidatedSubmission? Plan, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Plan is not null;
}
