using ForgetCloud.ServiceDefaults.Blobs;
using ForgetCloud.ServiceDefaults.Messaging;
using Microsoft.Extensions.Hosting;

namespace ForgetCloud.AppHost.Tests.ServiceDefaults;

/// <summary>Bad or missing configuration stops startup with a message that names the key.</summary>
public sealed class ConfigurationErrorTests
{
    private const string Azurite =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    [Fact]
    public void Messaging_without_a_connection_string_names_the_missing_key()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddForgetCloudMessaging());

        Assert.Contains("ConnectionStrings:messaging", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messaging_rejects_a_non_positive_acknowledgement_timeout()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration["ConnectionStrings:messaging"] = "amqp://127.0.0.1/";
        builder.Configuration["ForgetCloud:Messaging:AcknowledgementTimeout"] = "-00:01:00";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddForgetCloudMessaging());

        Assert.Contains("ForgetCloud:Messaging:AcknowledgementTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_store_without_a_connection_string_names_both_keys_it_reads()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddForgetCloudBlobStore());

        Assert.Contains("ConnectionStrings:blobs", error.Message, StringComparison.Ordinal);
        Assert.Contains("Aspire:Azure:Storage:Blobs:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    public void Blob_store_rejects_an_invalid_container_name(string name)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration["ConnectionStrings:blobs"] = Azurite;
        builder.Configuration[BlobStoreSettings.ContainerNameKey] = name;

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddForgetCloudBlobStore());

        Assert.Contains($"'{BlobStoreSettings.ContainerNameKey}' = '{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_store_accepts_a_service_uri_and_names_its_account()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration["ConnectionStrings:blobs"] = "https://account.blob.core.windows.net/";

        builder.AddForgetCloudBlobStore();
        using var host = builder.Build();

        Assert.Equal("account", ((Azure.Storage.Blobs.BlobServiceClient)host.Services.GetService(typeof(Azure.Storage.Blobs.BlobServiceClient))!).AccountName);
    }

    [Fact]
    public void Blob_store_reads_the_aspire_key_when_the_connection_string_is_absent()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration["Aspire:Azure:Storage:Blobs:ConnectionString"] = Azurite;

        builder.AddForgetCloudBlobStore();
        using var host = builder.Build();
        var container = (Azure.Storage.Blobs.BlobContainerClient)host.Services.GetService(typeof(Azure.Storage.Blobs.BlobContainerClient))!;

        Assert.Equal(new Uri("http://127.0.0.1:1/devstoreaccount1/forgetcloud"), container.Uri);
    }
}
