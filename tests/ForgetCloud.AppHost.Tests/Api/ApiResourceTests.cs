using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ForgetCloud.AppHost.Commands;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.Contracts.Api;
using Microsoft.Extensions.DependencyInjection;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>
/// The Api as the AppHost runs it, with ForgetCloud:ApiKey set: healthy behind the real servers, closed to callers
/// without the key, and its dashboard command (which sends the key) starts the default study.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class ApiResourceTests(LocalServersFixture fixture)
{
    private static readonly TimeSpan Timeout = LocalServersFixture.StartTimeout;

    [Fact]
    public async Task The_dashboard_command_starts_the_default_study()
    {
        var token = TestContext.Current.CancellationToken;
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("api", token).WaitAsync(Timeout, token);
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();

        var result = await commands.ExecuteCommandAsync("api", StartStudyCommand.Name, token).WaitAsync(Timeout, token);

        Assert.True(result.Success, result.Message);
        // "Run started: /api/runs/<id>": the run exists, with the tiny config's single arm.
        var location = result.Message!["Run started: ".Length..];
        using var anonymous = fixture.App.CreateHttpClient("api", "http");
        using var unauthorized = await anonymous.GetAsync(new Uri(location, UriKind.Relative), token).WaitAsync(Timeout, token);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        var endpoint = fixture.App.GetEndpoint("api", "http");
        using var http = new HttpClient(new ApiKeyHandler(Security.TestKeys.Key, new SocketsHttpHandler())) { BaseAddress = endpoint };
        var api = ForgetCloudApiClient.Create(http);
        var run = await api.GetRunAsync(location.Split('/')[^1], token).WaitAsync(Timeout, token);
        Assert.Equal(System.Net.HttpStatusCode.OK, run.StatusCode);
        // The workers run in this composition too: DataPrep may already have answered.
        Assert.Contains(run.Content!.Status, (StudyStatus[])[StudyStatus.Preparing, StudyStatus.Running]);
        Assert.NotEmpty(run.Content.Arms);
        // Stop the study: the tiny config trains for minutes, which the tests sharing these servers should not wait behind.
        var cancelled = await api.CancelRunAsync(run.Content.RunId, new CancelRunRequest(null), token).WaitAsync(Timeout, token);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, cancelled.StatusCode);
    }
}
