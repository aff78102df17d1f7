using ForgetCloud.Contracts.Configuration;
namespace ForgetCloud.Learning.Data;

/// <summary>Where the raw dataset files come from: a local directory or a download cache.</summary>
public interface IDatasetSource
{
    /// <summary>
    /// Path of a local file holding the split in its original format. A split that does not exist is an error
    /// naming the file or URL that was tried.
    /// </summary>
    Task<string> GetSplitFileAsync(DatasetKind dataset, string split, CancellationToken cancellationToken = default);
}
