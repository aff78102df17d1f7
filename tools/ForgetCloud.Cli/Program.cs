using ForgetCloud.Cli;
using ForgetCloud.Learning.Devices;

// Before anything allocates: the allocator settings of a compute process (docs/benchmarks.md).
TorchProcess.Configure();

// Everything lives in ForgetCloudCli so tests can run the same command tree in-process.
return await ForgetCloudCli.RunAsync(args, CliServices.FromEnvironment());
