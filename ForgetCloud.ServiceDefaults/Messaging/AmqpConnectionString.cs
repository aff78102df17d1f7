namespace ForgetCloud.ServiceDefaults.Messaging;

/// <summary>The parts of an <c>amqp://user:password@host:port/vhost</c> (or <c>amqps://</c>) connection string.</summary>
public sealed record AmqpConnectionString(string Host, int Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    /// <summary>Parses the connection string; the message of any failure names the key it came from.</summary>
    public static AmqpConnectionString Parse(string value, string sourceKey)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            throw new InvalidOperationException(
                $"'{sourceKey}' must be an amqp:// or amqps:// URI such as amqp://guest:guest@127.0.0.1:5672/, but was '{Redact(value)}'.");
        }
        var useTls = uri.Scheme == "amqps";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (useTls ? 5671 : 5672) : uri.Port;
        // An empty path means the default virtual host "/"; "/%2f" is the AMQP URI spelling of it too.
        var path = uri.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        var (username, password) = ("guest", "guest");
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            username = Uri.UnescapeDataString(parts[0]);
            password = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        return new AmqpConnectionString(uri.Host, port, virtualHost, username, password, useTls);
    }

    /// <summary>Hides the password when a bad value is echoed in an error message.</summary>
    private static string Redact(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? value[..(scheme + 3)] + "***" + value[at..] : value;
    }

    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Username}:***@{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";
}
