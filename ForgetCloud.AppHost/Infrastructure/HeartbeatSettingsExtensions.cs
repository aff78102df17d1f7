using Microsoft.Extensions.Configuration;

namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>
/// The AppHost's <c>ForgetCloud:HeartbeatInterval</c> and <c>ForgetCloud:StallTimeout</c>, handed to the services that
/// use them (the workers' <c>ForgetCloud:Worker:HeartbeatInterval</c>, the Api's <c>ForgetCloud:Api:StallTimeout</c>), so
/// one place sets both sides of the stall rule. Unset = the services' defaults (10 s, 60 s).
/// </summary>
public static class HeartbeatSettingsExtensions
{
    public const string HeartbeatIntervalKey = "ForgetCloud:HeartbeatInterval";
    public const string StallTimeoutKey = "ForgetCloud:StallTimeout";

    public static IResourceBuilder<ProjectResource> WithHeartbeatInterval(this IResourceBuilder<ProjectResource> worker, IConfiguration configuration) =>
        configuration[HeartbeatIntervalKey] is { Length: > 0 } interval ? worker.WithEnvironment("ForgetCloud__Worker__HeartbeatInterval", interval) : worker;

    public static IResourceBuilder<ProjectResource> WithStallTimeout(this IResourceBuilder<ProjectResource> api, IConfiguration configuration) =>
        configuration[StallTimeoutKey] is { Length: > 0 } timeout ? api.WithEnvironment("ForgetCloud__Api__StallTimeout", timeout) : api;
}
