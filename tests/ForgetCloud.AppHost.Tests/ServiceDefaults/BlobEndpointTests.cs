using Azure.Core;
using ForgetCloud.ServiceDefaults.Blobs;
using Microsoft.Extensions.Configuration;

namespace ForgetCloud.AppHost.Tests.ServiceDefaults;

/// <summary>Which blob endpoint and credential a service picks from its configuration (Aspire's keys); no Azure needed.</summary>
public sealed class BlobEndpointTests
{
    private const string Account = "https://forgetcloudtest.blob.core.windows.net";
    private const string AccountKeyConnection =
        "DefaultEndpointsProtocol=https;AccountName=forgetcloudtest;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net";

    private static BlobEndpoint Resolve(params (string Key, string Value)[] settings) =>
        BlobEndpointResolver.Resolve(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            "blobs");

    [Fact]
    public void A_connection_string_in_ConnectionStrings_blobs_is_used_as_one()
    {
        var endpoint = Resolve(("ConnectionStrings:blobs", AccountKeyConnection));

        Assert.Equal(new BlobEndpoint(BlobEndpointKind.ConnectionString, AccountKeyConnection, "ConnectionStrings:blobs"), endpoint);
    }

    [Theory]
    [InlineData(Account)]
    [InlineData(Account + "/")]
    public void A_service_uri_in_ConnectionStrings_blobs_means_an_Entra_ID_credential(string uri)
    {
        Assert.Equal(BlobEndpointKind.ServiceUri, Resolve(("ConnectionStrings:blobs", uri)).Kind);
    }

    [Fact]
    public void A_uri_with_a_sas_token_is_its_own_credential()
    {
        Assert.Equal(BlobEndpointKind.SasUri, Resolve(("ConnectionStrings:blobs", Account + "/?sv=2024-11-04&sig=abc")).Kind);
    }

    [Fact]
    public void The_connection_string_wins_over_both_aspire_keys_and_the_aspire_connection_string_over_the_service_uri()
    {
        var all = Resolve(("ConnectionStrings:blobs", AccountKeyConnection),
            (BlobEndpointResolver.ConnectionStringKey, "UseDevelopmentStorage=true"), (BlobEndpointResolver.ServiceUriKey, Account));
        var aspire = Resolve((BlobEndpointResolver.ConnectionStringKey, "UseDevelopmentStorage=true"), (BlobEndpointResolver.ServiceUriKey, Account));
        var serviceUri = Resolve((BlobEndpointResolver.ServiceUriKey, Account));

        Assert.Equal("ConnectionStrings:blobs", all.SourceKey);
        Assert.Equal((BlobEndpointKind.ConnectionString, "Aspire:Azure:Storage:Blobs:ConnectionString"), (aspire.Kind, aspire.SourceKey));
        Assert.Equal((BlobEndpointKind.ServiceUri, "Aspire:Azure:Storage:Blobs:ServiceUri"), (serviceUri.Kind, serviceUri.SourceKey));
    }

    [Fact]
    public void ServiceUri_must_be_a_uri_a_token_needs_https_and_nothing_configured_names_all_three_keys()
    {
        var notUri = Assert.Throws<InvalidOperationException>(() => Resolve((BlobEndpointResolver.ServiceUriKey, "AccountName=x")));
        var http = Assert.Throws<InvalidOperationException>(() => Resolve(("ConnectionStrings:blobs", "http://127.0.0.1:10000/devstoreaccount1")));
        var missing = Assert.Throws<InvalidOperationException>(() => Resolve());

        Assert.Contains("Aspire:Azure:Storage:Blobs:ServiceUri' must be an http(s) blob service URI", notUri.Message, StringComparison.Ordinal);
        Assert.Contains("Entra ID credentials need https", http.Message, StringComparison.Ordinal);
        foreach (var key in (string[])["ConnectionStrings:blobs", BlobEndpointResolver.ConnectionStringKey, BlobEndpointResolver.ServiceUriKey])
            Assert.Contains(key, missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_uri_client_asks_the_credential_for_a_storage_token()
    {
        var credential = new RecordingCredential();
        var client = BlobServiceClientFactory.Create(new BlobEndpoint(BlobEndpointKind.ServiceUri, "https://127.0.0.1:1/acct", "test"), credential);

        // The request cannot connect; the token is asked for before the first attempt, so the SDK's retries are cut short.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetBlobContainerClient("forgetcloud").ExistsAsync(cancel.Token));

        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
    }

    /// <summary>Records the scopes a client asks for and fails the request, so nothing leaves the machine.</summary>
    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1)));
        }
    }
}
