using System.Security.Cryptography;
using ForgetCloud.Contracts.Blobs;

namespace ForgetCloud.Api.Runs;

/// <summary>Run ids: <c>yyyyMMdd-HHmmss-xxxxxxxx</c> (UTC, then 32 random bits), sortable by time and a safe blob path component.</summary>
public static class RunIds
{
    public static string New(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Anything that is not a safe path component cannot name a run (and must never reach a Redis key or blob path).</summary>
    public static bool IsWellFormed(string? runId) => BlobLayout.IsComponent(runId);
}
