namespace ForgetCloud.AppHost.Infrastructure;

public static class WorkerExtensions
{
    /// <summary>The environment variable (<c>ForgetCloud:Worker:WorkDirectory</c>) a worker keeps its scratch files in.</summary>
    public const string WorkDirectoryVariable = "ForgetCloud__Worker__WorkDirectory";

    /// <summary>
    /// Gives a worker its scratch folder <c>{ForgetCloud:DataDirectory}/work/{resource}</c>, beside the servers' state, so
    /// two AppHosts with different data directories never share checkpoints or dataset caches. Replicas share it:
    /// their files are keyed by run, arm and stage, and the dataset cache is written atomically.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithWorkDirectory(this IResourceBuilder<ProjectResource> worker, IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(builder);
        // A published worker keeps its default (a temp folder in its container): this machine's paths mean nothing there.
        if (builder.ExecutionContext.IsPublishMode)
            return worker;
        var directory = Path.Combine(InfrastructureSettings.Read(builder.Configuration).DataDirectory, "work", worker.Resource.Name);
        return worker.WithEnvironment(WorkDirectoryVariable, directory);
    }
}
