using ForgetCloud.Api;

await using var app = ApiApplication.Create(args);
await app.RunAsync();
