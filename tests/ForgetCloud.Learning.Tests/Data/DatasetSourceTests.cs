using ForgetCloud.Downloads;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Tests.TestSupport;
using System.Net;
using System.Text;
using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Tests.Data;

public class DatasetSourceTests
{
    private const string Gsm8kLine = """{"question": "What is 2+2?", "answer": "2+2=4\n#### 4"}""";

    [Fact]
    public async Task LocalSourceFindsSplitsInTheOriginalLayout()
    {
        var loader = new DatasetLoader(new LocalDatasetSource(TestPaths.SharedData));
        Assert.Equal(1319, (await LoadGsm8kTestAsync(loader)).Count);
        Assert.Equal(254, (await loader.LoadAquaRatAsync("dev", TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task LocalSourceNamesTheMissingSplitFile()
    {
        // The shared copy has no AQUA-RAT train split.
        var source = new LocalDatasetSource(TestPaths.SharedData);
        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => source.GetSplitFileAsync(DatasetKind.AquaRat, "train", TestContext.Current.CancellationToken));
        Assert.Contains(Path.Combine(TestPaths.SharedData, "aqua_rat", "train.json"), error.Message);
    }

    [Fact]
    public void UnknownSplitListsTheAllowedOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetFiles.FileName(DatasetKind.Gsm8k, "dev"));
        Assert.Contains("unknown split 'dev' for gsm8k; allowed: train, test", error.Message);
    }

    [Fact]
    public void DefaultUrlsAreThePublicLocations()
    {
        using var dir = new TempDirectory();
        using var http = new HttpClient();
        var source = new DownloadingDatasetSource(dir.Path, http);
        Assert.Equal(
            "https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/train.jsonl",
            source.UrlOf(DatasetKind.Gsm8k, "train").ToString());
        Assert.Equal(
            "https://raw.githubusercontent.com/google-deepmind/AQuA/master/dev.json",
            source.UrlOf(DatasetKind.AquaRat, "dev").ToString());
    }

    [Fact]
    public async Task DownloadIsCachedAndReused()
    {
        using var server = new LocalHttpServer(ctx => RespondAsync(ctx, 200, Gsm8kLine + "\n"));
        using var dir = new TempDirectory();
        using var http = new HttpClient();
        var source = Source(dir.Path, http, server);

        var path = await source.GetSplitFileAsync(DatasetKind.Gsm8k, "test", TestContext.Current.CancellationToken);
        Assert.Equal(Path.Combine(dir.Path, "gsm8k", "test.jsonl"), path);
        Assert.Equal(Gsm8kLine + "\n", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));

        var examples = await LoadGsm8kTestAsync(new DatasetLoader(source));
        Assert.Equal("4", Assert.Single(examples).FinalAnswer);
        Assert.Equal(1, server.RequestsFor("/data/test.jsonl"));
        Assert.Equal(["test.jsonl"], Directory.GetFiles(Path.Combine(dir.Path, "gsm8k")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task NotFoundNamesTheUrlAndLeavesNoFile()
    {
        using var server = new LocalHttpServer(ctx => RespondAsync(ctx, 404, "nope"));
        using var dir = new TempDirectory();
        using var http = new HttpClient();
        var source = Source(dir.Path, http, server);

        var error = await Assert.ThrowsAsync<DatasetDownloadException>(
            () => source.GetSplitFileAsync(DatasetKind.AquaRat, "train", TestContext.Current.CancellationToken));
        Assert.Equal(new Uri(server.BaseUri, "train.json"), error.Url);
        Assert.Contains($"aqua_rat split 'train' not found: {server.BaseUri}train.json answered 404", error.Message);
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TruncatedResponseIsAnErrorAndLeavesNoFile()
    {
        using var server = new LocalHttpServer(async ctx =>
        {
            var body = Encoding.UTF8.GetBytes(Gsm8kLine);
            ctx.Response.ContentLength64 = body.Length * 2;
            await ctx.Response.OutputStream.WriteAsync(body);
            await ctx.Response.OutputStream.FlushAsync();
            ctx.Response.Abort();
        });
        using var dir = new TempDirectory();
        using var http = new HttpClient();
        var source = Source(dir.Path, http, server);

        var error = await Assert.ThrowsAsync<DatasetDownloadException>(
            () => source.GetSplitFileAsync(DatasetKind.Gsm8k, "train", TestContext.Current.CancellationToken));
        Assert.Contains($"{server.BaseUri}train.jsonl", error.Message);
        Assert.Contains("data.source: local", error.Message);
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task UnreachableServerSuggestsTheLocalSource()
    {
        int port;
        using (var server = new LocalHttpServer(ctx => RespondAsync(ctx, 200, "")))
        {
            port = server.BaseUri.Port;
        }

        using var dir = new TempDirectory();
        using var http = new HttpClient();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var source = new DownloadingDatasetSource(
            dir.Path, http, new Dictionary<DatasetKind, Uri> { [DatasetKind.Gsm8k] = baseUri });
        var error = await Assert.ThrowsAsync<DatasetDownloadException>(
            () => source.GetSplitFileAsync(DatasetKind.Gsm8k, "test", TestContext.Current.CancellationToken));
        Assert.Contains($"downloading {baseUri}test.jsonl failed", error.Message);
        Assert.Contains("set data.source: local", error.Message);
    }

    private static Task<IReadOnlyList<Gsm8kExample>> LoadGsm8kTestAsync(DatasetLoader loader) =>
        loader.LoadGsm8kAsync("test", TestContext.Current.CancellationToken);

    private static DownloadingDatasetSource Source(string cache, HttpClient http, LocalHttpServer server) =>
        new(cache, http, new Dictionary<DatasetKind, Uri>
        {
            [DatasetKind.Gsm8k] = server.BaseUri,
            [DatasetKind.AquaRat] = server.BaseUri,
        });

    private static async Task RespondAsync(HttpListenerContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
