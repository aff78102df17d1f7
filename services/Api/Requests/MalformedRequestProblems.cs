using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ForgetCloud.Api.Requests;

/// <summary>
/// Kestrel refuses a request it cannot parse (a NUL byte in the target, <c>%00</c>, a malformed request line or
/// header) itself, before the application runs, with a bodyless 400 and <c>Connection: close</c>; no middleware sees
/// it. This connection middleware sits between the socket and Kestrel and gives exactly that response a problem
/// details body. It recognises it as the last bytes Kestrel flushes: a 400 header block with <c>Content-Length: 0</c>
/// and no content type, which the application never sends (its errors all carry problem details).
/// </summary>
public static class MalformedRequestProblems
{
    private const int MaxBareResponseBytes = 1024;
    private static readonly byte[] StatusLine = "HTTP/1.1 400 Bad Request\r\n"u8.ToArray();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.1\",\"title\":\"Malformed request\",\"status\":400," +
        "\"detail\":\"The server could not parse the request line or headers: a NUL or other control character in the path or a header, " +
        "an invalid percent-encoding or a malformed request line.\"}");

    /// <summary>Adds the middleware to every endpoint Kestrel listens on.</summary>
    public static void Use(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection => RunAsync(connection, next)));
    }

    private static async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var transport = connection.Transport;
        var output = new Pipe(new PipeOptions(useSynchronizationContext: false));
        connection.Transport = new DuplexPipe(transport.Input, output.Writer);
        var pump = PumpAsync(output.Reader, transport.Output);
        try
        {
            await next(connection);
        }
        finally
        {
            await output.Writer.CompleteAsync();
            await pump;
            connection.Transport = transport;
        }
    }

    /// <summary>Copies Kestrel's output to the socket, each flush as it comes, replacing a bare 400 at its end.</summary>
    private static async Task PumpAsync(PipeReader reader, PipeWriter socket)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    var kept = WriteRewritten(buffer, socket);
                    reader.AdvanceTo(buffer.End);
                    // After the rewritten 400 nothing more belongs on this connection.
                    if ((await socket.FlushAsync()).IsCompleted || !kept)
                        break;
                }
                else
                {
                    reader.AdvanceTo(buffer.End);
                }
                if (result.IsCompleted || result.IsCanceled)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client went away; Kestrel sees the same on its side and ends the connection.
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>Writes <paramref name="buffer"/>; returns false when it ended with the bare 400 (the connection is closing).</summary>
    private static bool WriteRewritten(ReadOnlySequence<byte> buffer, PipeWriter socket)
    {
        var tailLength = (int)Math.Min(buffer.Length, MaxBareResponseBytes);
        var tail = buffer.Slice(buffer.Length - tailLength).ToArray();
        var start = LastIndexOf(tail, StatusLine);
        if (start < 0 || BareHeaders(tail.AsSpan(start)) is not { } headers)
        {
            foreach (var segment in buffer) socket.Write(segment.Span);
            return true;
        }
        foreach (var segment in buffer.Slice(0, buffer.Length - tailLength + start)) socket.Write(segment.Span);
        socket.Write(StatusLine);
        socket.Write(Encoding.ASCII.GetBytes(headers));
        socket.Write(Encoding.ASCII.GetBytes($"Content-Type: application/problem+json\r\nContent-Length: {Body.Length}\r\n\r\n"));
        socket.Write(Body);
        return false;
    }

    /// <summary>The header lines of a bare 400 block (without Content-Length), or null when <paramref name="block"/> is not one.</summary>
    private static string? BareHeaders(ReadOnlySpan<byte> block)
    {
        var text = Encoding.ASCII.GetString(block);
        if (!text.EndsWith("\r\n\r\n", StringComparison.Ordinal) || text.IndexOf("\r\n\r\n", StringComparison.Ordinal) != text.Length - 4)
            return null;
        var lines = text[StatusLine.Length..^2].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        if (!lines.Any(l => l.Equals("Content-Length: 0", StringComparison.OrdinalIgnoreCase))
            || lines.Any(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)))
            return null;
        return string.Concat(lines.Where(l => !l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Select(l => l + "\r\n"));
    }

    private static int LastIndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().LastIndexOf(needle);

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
