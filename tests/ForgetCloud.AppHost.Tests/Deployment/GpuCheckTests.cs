namespace ForgetCloud.AppHost.Tests.Deployment;

/// <summary>
/// The parts of scripts/gpu-check that need no GPU: the scripts parse, the Python side compiles and parses its
/// arguments without torch, and pack.sh builds a carry under the limit with no CPU libtorch in it.
/// </summary>
public sealed class GpuCheckTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("pack.sh")]
    [InlineData("run.sh")]
    public async Task Shell_scripts_parse(string script)
    {
        var result = await ChildProcess.RunAsync("bash", ["-n", RepositoryFiles.Path("scripts", "gpu-check", script)], Quick);
        Assert.True(result.ExitCode == 0, $"bash -n {script}: {result.Error}");
    }

    [Fact]
    public async Task The_python_side_compiles_and_lists_every_check_without_torch()
    {
        var script = RepositoryFiles.Path("scripts", "gpu-check", "gpu_check.py");
        var compile = await ChildProcess.RunAsync("python3", ["-c", "import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])", script], Quick);
        Assert.True(compile.ExitCode == 0, compile.Error);

        var help = await ChildProcess.RunAsync("python3", [script, "--help"], Quick);
        Assert.True(help.ExitCode == 0, help.Error);
        foreach (var command in new[] { "write-config", "assert-device", "make-checkpoint", "token-ids", "compare-logprobs", "tensorboard", "throughput" })
            Assert.Contains(command, help.Output, StringComparison.Ordinal);

        var wrong = await ChildProcess.RunAsync("python3", [script, "compare-logprobs"], Quick);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--model", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_stays_under_the_carry_limit_and_leaves_the_cpu_libtorch_behind()
    {
        var pack = RepositoryFiles.Path("artifacts", "gpu-check");
        var data = Environment.GetEnvironmentVariable("FORGETCLOUD_DATA_DIR") is { Length: > 0 } d ? d : RepositoryFiles.Path("..", "shared", "data");

        var result = await ChildProcess.RunAsync("bash", [RepositoryFiles.Path("scripts", "gpu-check", "pack.sh"), "--data", data], TimeSpan.FromMinutes(10));

        Assert.True(result.ExitCode == 0, $"pack.sh: exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        var archive = new FileInfo(RepositoryFiles.Path("artifacts", "gpu-check.tar.gz"));
        Assert.InRange(archive.Length, 1, 64L * 1024 * 1024);
        var cli = Path.Combine(pack, "cli");
        Assert.True(File.Exists(Path.Combine(cli, "forgetcloud")), "the self-contained launcher is missing");
        Assert.True(File.Exists(Path.Combine(cli, "libLibTorchSharp.so")));
        Assert.True(File.Exists(Path.Combine(cli, "TorchSharp.dll")));
        Assert.Empty(Directory.GetFiles(cli, "libtorch*.so").Concat(Directory.GetFiles(cli, "libc10*.so")));

        // What run.sh does with PyTorch's torch/lib, done here with the CPU libtorch package's folder: the packed
        // CLI loads libtorch from LD_LIBRARY_PATH alone.
        var libtorch = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "libtorch-cpu-linux-x64", LibtorchVersion(), "runtimes", "linux-x64", "native");
        var score = await ChildProcess.RunAsync("bash", ["-c", $"LD_LIBRARY_PATH='{libtorch}' '{Path.Combine(cli, "forgetcloud")}' score --model smoke --token-ids 1,2,3,4 --device cpu --json"],
            TimeSpan.FromMinutes(2));
        Assert.True(score.ExitCode == 0, $"the packed CLI with libtorch from LD_LIBRARY_PATH: exit {score.ExitCode}\n{score.Output}{score.Error}");
        Assert.StartsWith("{\"tokens\": [1, 2, 3, 4], \"logprobs\": [null, ", score.Output.Trim(), StringComparison.Ordinal);

        foreach (var file in new[] { "run.sh", "gpu_check.py", "smoke.yaml", "llama-3.2-1b/config.json", "llama-3.2-1b/tokenizer.json", "data/gsm8k/train.jsonl", "data/aqua_rat/test.json", "data/gsm8k/LICENSE" })
            Assert.True(File.Exists(Path.Combine(pack, file)), $"{file} is missing from the pack");
    }

    private static string LibtorchVersion() =>
        System.Text.RegularExpressions.Regex.Match(File.ReadAllText(RepositoryFiles.Path("Directory.Packages.props")),
            "Include=\"libtorch-cpu-linux-x64\" Version=\"([^\"]+)\"").Groups[1].Value;
}
