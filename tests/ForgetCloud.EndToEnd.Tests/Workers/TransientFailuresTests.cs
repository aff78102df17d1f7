using Azure;
using ForgetCloud.Workers.Retries;

namespace ForgetCloud.EndToEnd.Tests.Workers;

public sealed class TransientFailuresTests
{
    public static TheoryData<Exception, bool> Cases => new()
    {
        { new HttpRequestException("connection reset"), true },
        { new TimeoutException(), true },
        { new RequestFailedException(503, "server busy"), true },
        { new RequestFailedException(429, "throttled"), true },
        { new RequestFailedException(0, "no response"), true },
        { new RequestFailedException(404, "blob not found"), false },
        { new RequestFailedException(403, "forbidden"), false },
        { new IOException("No space left on device"), true },
        { new EndOfStreamException(), true },
        { new FileNotFoundException("gsm8k/test.jsonl"), false },
        { new DirectoryNotFoundException("/data"), false },
        { new InvalidDataException("line 3: not JSON"), false },
        { new ArgumentException("model '/x' is not a preset"), false },
        { new InvalidOperationException("config snapshot is invalid"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_errors_that_can_pass_by_themselves_are_retried(Exception exception, bool expected) =>
        Assert.Equal(expected, TransientFailures.IsTransient(exception));
}
