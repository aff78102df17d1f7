using System.Net.Http.Headers;

namespace ForgetCloud.Contracts.Api;

/// <summary>
/// Sends an API key as <c>Authorization: Bearer &lt;key&gt;</c> on every request that has no Authorization of its
/// own. Put it in front of the handler of the HttpClient given to <see cref="ForgetCloudApiClient.Create"/>.
/// </summary>
public sealed class ApiKeyHandler : DelegatingHandler
{
    private readonly string _key;

    /// <summary>Sends <paramref name="key"/> through <paramref name="inner"/>.</summary>
    public ApiKeyHandler(string key, HttpMessageHandler inner)
        : base(inner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _key = key;
    }

    /// <summary>Adds the key unless the request names its own Authorization.</summary>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", _key);
        return base.SendAsync(request, cancellationToken);
    }
}
