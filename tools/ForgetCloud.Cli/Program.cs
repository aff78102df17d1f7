using ForgetCloud.Cli;

// Everything lives in ForgetCloudCli so tests can run the same command tree in-process.
return await ForgetCloudCli.RunAsync(args, CliServices.FromEnvironment());
