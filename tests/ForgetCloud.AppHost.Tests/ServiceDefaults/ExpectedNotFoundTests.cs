using System.Diagnostics;
using System.Net;
using ForgetCloud.ServiceDefaults.Telemetry;

namespace ForgetCloud.AppHost.Tests.ServiceDefaults;

public sealed class ExpectedNotFoundTests
{
    private static Activity ClientSpanMarkedAsError()
    {
        var activity = new Activity("HEAD").Start();
        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag("error.type", "404");
        return activity;
    }

    [Fact]
    public void A_head_404_of_a_blob_existence_check_is_no_error()
    {
        using var activity = ClientSpanMarkedAsError();
        using var response = new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = new HttpRequestMessage(HttpMethod.Head, "http://blobs/c/b") };

        ExpectedNotFound.Clear(activity, response);

        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Null(activity.GetTagItem("error.type"));
    }

    [Theory]
    [InlineData("GET", HttpStatusCode.NotFound)]
    [InlineData("HEAD", HttpStatusCode.InternalServerError)]
    public void Other_failures_stay_errors(string method, HttpStatusCode status)
    {
        using var activity = ClientSpanMarkedAsError();
        using var response = new HttpResponseMessage(status) { RequestMessage = new HttpRequestMessage(new HttpMethod(method), "http://blobs/c/b") };

        ExpectedNotFound.Clear(activity, response);

        Assert.Equal(ActivityStatusCode.Error, activity.Status);
    }
}
