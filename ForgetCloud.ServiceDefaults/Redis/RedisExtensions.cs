using Microsoft.Extensions.Hosting;

namespace ForgetCloud.ServiceDefaults.Redis;

/// <summary>Redis through Aspire's own client integration (health check, tracing, <c>Aspire:StackExchange:Redis</c> keys).</summary>
public static class RedisExtensions
{
    public const string DefaultConnectionName = "redis";

    /// <summary>Registers a singleton <c>IConnectionMultiplexer</c> from <c>ConnectionStrings:{connectionName}</c>.</summary>
    public static TBuilder AddForgetCloudRedis<TBuilder>(this TBuilder builder, string connectionName = DefaultConnectionName)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddRedisClient(connectionName);
        return builder;
    }
}
