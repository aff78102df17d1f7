namespace ForgetCloud.ServiceDefaults.Blobs;

/// <summary>
/// The keys of Aspire's Azure Blob client integration (<c>Aspire:Azure:Storage:Blobs</c>), which is not served here,
/// plus the container ForgetCloud keeps everything in. <c>ServiceUri</c> is read by <see cref="BlobEndpointResolver"/>.
/// </summary>
public sealed class BlobStoreSettings
{
    public const string SectionName = "Aspire:Azure:Storage:Blobs";
    public const string ContainerNameKey = "ForgetCloud:Blobs:ContainerName";
    public const string DefaultContainerName = "forgetcloud";

    /// <summary>A storage connection string (account key or SAS), or a blob service URI.</summary>
    public string? ConnectionString { get; set; }
    public bool DisableHealthChecks { get; set; }
}
