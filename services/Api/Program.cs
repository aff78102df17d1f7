using ForgetCloud.Api;
using ForgetCloud.Api.OpenApi;

await using var app = ApiApplication.Create(args, BuildTimeDocument.IsGenerating ? BuildTimeDocument.UseUnconnectedServers : null);
await app.RunAsync();
