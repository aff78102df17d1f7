namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>Resource names, which are also the <c>ConnectionStrings:&lt;name&gt;</c> keys the services read.</summary>
public static class ResourceNames
{
    public const string Redis = "redis";
    public const string Messaging = "messaging";
    public const string Blobs = "blobs";
    public const string Epmd = "messaging-epmd";
}
