using System.Reflection;
using System.Text.Json;

namespace ForgetCloud.AppHost.Tests.Deployment;

/// <summary>The bicep CLI that the test project's PackageDownload put in the NuGet cache (Azure.Bicep.CommandLine.linux-x64).</summary>
public static class BicepCli
{
    public static readonly string MainFile = RepositoryFiles.Path("infra", "main.bicep");
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly SemaphoreSlim CompileOnce = new(1, 1);
    private static JsonElement? _main;

    public static string Executable
    {
        get
        {
            var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepExecutable").Value!;
            if (!File.Exists(path)) Assert.Fail($"bicep is not at {path}: restore tests/ForgetCloud.AppHost.Tests (its PackageDownload fetches it)");
            // NuGet's extraction does not always keep the execute bit (the package is the linux-x64 one).
            if (OperatingSystem.IsLinux() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            return path;
        }
    }

    public static Task<ChildProcess> RunAsync(params string[] args) => ChildProcess.RunAsync(Executable, args, Timeout);

    /// <summary>infra/main.bicep compiled to its ARM JSON (<c>bicep build --stdout</c>), once per test run.</summary>
    public static async Task<JsonElement> MainTemplateAsync()
    {
        await CompileOnce.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_main is null)
            {
                var build = await RunAsync("build", MainFile, "--stdout");
                Assert.True(build.ExitCode == 0, $"bicep build failed:\n{build.Error}");
                using var document = JsonDocument.Parse(build.Output);
                _main = document.RootElement.Clone();
            }
            return _main.Value;
        }
        finally
        {
            CompileOnce.Release();
        }
    }
}
