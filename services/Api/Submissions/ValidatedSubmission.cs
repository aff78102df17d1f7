using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Api.Submissions;

/// <summary>A validated submission: the config with the flags applied (what the snapshot stores) and the study's options.</summary>
public sealed record ValidatedSubmission(StudyConfig Config, StudyOptions Options);
