using System.Text.RegularExpressions;

namespace ForgetCloud.AppHost.Tests.Deployment;

/// <summary>
/// The service images in infra/docker: dockerfilelint clean (pinned in infra/package-lock.json, installed by
/// scripts/setup.d/30-infra-lint.sh), and the properties the deployment relies on, read from each file's stages.
/// No docker daemon is needed, so these run in CI.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Services = ["Api", "DataPrep", "Trainer", "Evaluator"];
    private static readonly string[] TorchServices = ["Trainer", "Evaluator"];

    public static TheoryData<string> Images() => [.. Services];

    [Fact]
    public void There_is_one_image_per_service()
    {
        var files = Directory.GetFiles(RepositoryFiles.Path("infra", "docker"), "*.Dockerfile")
            .Select(f => Path.GetFileName(f)[..^".Dockerfile".Length]).Order(StringComparer.Ordinal);
        Assert.Equal(Services.Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Lints_clean(string service)
    {
        var lint = RepositoryFiles.Path("infra", "node_modules", ".bin", "dockerfilelint");
        Assert.True(File.Exists(lint), $"{lint} is missing: run scripts/setup.d/30-infra-lint.sh");

        var result = await ChildProcess.RunAsync(lint, [DockerfilePath(service)], TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0 && result.Output.Contains("Issues: None found", StringComparison.Ordinal),
            $"dockerfilelint {service}: exit {result.ExitCode}\n{result.Output}{result.Error}");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Builds_with_the_sdk_and_runs_on_the_runtime_as_a_non_root_user(string service)
    {
        var stages = Stages(service);

        Assert.Equal(2, stages.Count);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0\S* AS build$", stages[0][0]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0\S* AS final$", stages[1][0]);

        var final = stages[1];
        // Only the publish output reaches the final stage: no sources, no SDK.
        Assert.All(final.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)),
            l => Assert.Equal("COPY --from=build /app/publish .", l));
        Assert.DoesNotContain(final, l => l.StartsWith("RUN ", StringComparison.Ordinal));
        var user = Assert.Single(final, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"^USER (root|0)(:|$)", user);
        Assert.Contains(final, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal) && l.Contains("GET /health ", StringComparison.Ordinal));
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"ForgetCloud.{service}.dll\"]", final[^1]);
        Assert.Contains(stages[0], l => l.Contains($"dotnet publish services/{service}/ForgetCloud.{service}.csproj -c Release -o /app/publish", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Only_the_torch_services_take_the_cuda_backend_and_the_default_is_cpu(string service)
    {
        var text = File.ReadAllText(DockerfilePath(service));
        var build = Stages(service)[0];

        if (TorchServices.Contains(service))
        {
            Assert.Contains("ARG TORCH_BACKEND=cpu", build);
            Assert.Contains(build, l => l.Contains("-p:TorchBackend=${TORCH_BACKEND}", StringComparison.Ordinal));
        }
        else
        {
            Assert.DoesNotContain("TORCH_BACKEND", text, StringComparison.Ordinal);
        }
        // No CUDA base image anywhere: the CUDA libtorch comes only from the TorchSharp-cuda-linux package (docs/gpu.md).
        Assert.DoesNotContain(build.Concat(Stages(service)[1]), l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.Contains("cuda", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_build_context_excludes_outputs_and_local_state()
    {
        var ignored = File.ReadAllLines(RepositoryFiles.Path(".dockerignore"));
        foreach (var path in new[] { "**/bin/", "**/obj/", "**/node_modules/", ".git/", "outputs/" })
            Assert.Contains(path, ignored);
    }

    private static string DockerfilePath(string service) => RepositoryFiles.Path("infra", "docker", $"{service}.Dockerfile");

    /// <summary>The instructions of each stage (comments dropped, continuation lines joined), FROM first.</summary>
    private static List<List<string>> Stages(string service)
    {
        var instructions = new List<string>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(DockerfilePath(service)))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1].TrimEnd() + " ";
                continue;
            }
            instructions.Add(Whitespace().Replace(pending + line, " "));
            pending = "";
        }

        var stages = new List<List<string>>();
        foreach (var instruction in instructions)
        {
            if (instruction.StartsWith("FROM ", StringComparison.Ordinal)) stages.Add([]);
            Assert.True(stages.Count > 0, $"{service}.Dockerfile: '{instruction}' comes before the first FROM");
            stages[^1].Add(instruction);
        }
        return stages;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
