using ForgetCloud.Api.Endpoints;
using ForgetCloud.Api.OpenApi;
using ForgetCloud.Api.Orchestration;
using ForgetCloud.Api.Requests;
using ForgetCloud.Api.Runs;
using ForgetCloud.Api.Security;
using ForgetCloud.Api.Submissions;
using ForgetCloud.Contracts.Api;
using ForgetCloud.ServiceDefaults;
using ForgetCloud.ServiceDefaults.Blobs;
using ForgetCloud.ServiceDefaults.Messaging;
using ForgetCloud.ServiceDefaults.Redis;

namespace ForgetCloud.Api;

/// <summary>Builds the Api; Program runs it, tests start it in-process on a loopback port.</summary>
public static class ApiApplication
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        var settings = builder.Configuration.GetSection(ApiSettings.SectionName).Get<ApiSettings>() ?? new ApiSettings();
        settings.Validate();
        builder.Services.AddSingleton(settings);
        builder.WebHost.ConfigureKestrel(MalformedRequestProblems.Use);
        builder.AddForgetCloudAuthentication(settings).AddSubmissionRateLimiting(settings);

        builder.AddServiceDefaults()
            .AddForgetCloudRedis()
            .AddForgetCloudBlobStore()
            .AddForgetCloudMessaging(bus =>
            {
                bus.AddConsumer<StudyEventConsumer>();
                bus.AddConsumer<HeartbeatConsumer>();
            });

        builder.Services.ConfigureHttpJsonOptions(options => ForgetCloudApiJson.Configure(options.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(options => options
            .AddDocumentTransformer<ApiDocumentInfo>()
            .AddDocumentTransformer<ApiSecuritySchemes>()
            .AddOperationTransformer<RunOperationsDocumentation>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedisRunStore>();
        builder.Services.AddSingleton<RunEventFeed>();
        builder.Services.AddSingleton<StallMonitor>();
        builder.Services.AddSingleton<RunOrchestrator>();
        builder.Services.AddSingleton<RunSubmissionValidator>();

        if (BuildTimeDocument.IsGenerating)
            BuildTimeDocument.StartOnlyTheWebHost(builder.Services);
        var app = builder.Build();
        ApiAuthentication.LogMode(app.Logger, settings);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseControlCharacterPathRefusal();
        // Authentication before the rate limiter: a caller's budget is its key's, and strangers spend none of it.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapDefaultEndpoints();
        app.MapRunEndpoints(settings);
        return app;
    }
}
