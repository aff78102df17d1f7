using Refit;

namespace ForgetCloud.Contracts.Api;

/// <summary>Creates <see cref="IForgetCloudApi"/> clients that use the API's JSON conventions.</summary>
public static class ForgetCloudApiClient
{
    /// <summary>Refit settings with <see cref="ForgetCloudApiJson"/>; use them with <c>AddRefitClient</c> too.</summary>
    public static RefitSettings CreateSettings() => new(new SystemTextJsonContentSerializer(ForgetCloudApiJson.CreateOptions()));

    /// <summary>A client over <paramref name="http"/>, whose BaseAddress is the Api's root URL.</summary>
    public static IForgetCloudApi Create(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return RestService.For<IForgetCloudApi>(http, CreateSettings());
    }
}
