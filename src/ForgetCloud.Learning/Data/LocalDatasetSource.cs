using ForgetCloud.Contracts.Configuration;
namespace ForgetCloud.Learning.Data;

/// <summary>
/// Reads splits from a directory laid out as <c>{root}/gsm8k/{split}.jsonl</c> and
/// <c>{root}/aqua_rat/{split}.json</c> (config <c>data.source: local</c>).
/// </summary>
public sealed class LocalDatasetSource : IDatasetSource
{
    public LocalDatasetSource(string rootDirectory)
    {
        if (!Directory.Exists(rootDirectory))
        {
            throw new DirectoryNotFoundException($"dataset directory not found: {Path.GetFullPath(rootDirectory)}");
        }

        RootDirectory = Path.GetFullPath(rootDirectory);
    }

    public string RootDirectory { get; }

    public Task<string> GetSplitFileAsync(DatasetKind dataset, string split, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(RootDirectory, DatasetFiles.RelativePath(dataset, split));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{DatasetFiles.Name(dataset)} split '{split}' not found: {path} does not exist", path);
        }

        return Task.FromResult(path);
    }
}
