using System.Text;
using Azure;
using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Learning.Training;
using ForgetCloud.ServiceDefaults.Blobs;

namespace ForgetCloud.Workers.Checkpoints;

/// <summary>
/// The step records of one stage (<see cref="BlobLayout.TrainingRecords"/>), kept in step with the checkpoints: each
/// checkpoint upload rewrites the blob with the records up to its step, and a resumed stage starts from the stored
/// records up to the step it resumes at, so the history has every step once.
/// </summary>
public sealed class TrainingRecordLog(BlobContainerClient blobs, string runId, string armId, int stage)
{
    private readonly List<TrainingStepRecord> _records = [];
    private readonly Lock _gate = new();

    public string BlobName { get; } = BlobLayout.TrainingRecords(runId, armId, stage);

    /// <summary>Loads the stored records up to <paramref name="resumeStep"/> (none when starting at step 0).</summary>
    public async Task LoadAsync(long resumeStep, CancellationToken cancellationToken)
    {
        if (resumeStep == 0) return;
        string text;
        try
        {
            text = (await blobs.GetBlobClient(BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return; // resuming from another run's checkpoint (resume_stage flags): its history is not this run's
        }
        lock (_gate)
        {
            _records.AddRange(Parse(text).Where(r => r.Step <= resumeStep));
        }
    }

    public void Add(TrainingStepRecord record)
    {
        lock (_gate) _records.Add(record);
    }

    /// <summary>Writes the records up to <paramref name="step"/>.</summary>
    public Task SaveAsync(long step, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var record in _records.Where(r => r.Step <= step))
                text.Append(TrainingStepRecordJson.Serialize(record)).Append('\n');
        }
        return blobs.UploadTextAsync(BlobName, text.ToString(), cancellationToken);
    }

    /// <summary>Parses the blob's JSON lines (non-finite losses and norms of skipped steps included).</summary>
    public static IReadOnlyList<TrainingStepRecord> Parse(string text) => TrainingStepRecordJson.ParseLines(text);
}
