using System.Reflection;
using System.Text.RegularExpressions;

namespace ForgetCloud.Cli;

/// <summary>
/// The one place exceptions become output: a single line <c>error: ...</c> on stderr (one per problem for a
/// <see cref="CliErrorsException"/>) and exit code 1, never a stack
/// trace unless <see cref="CliServices.DebugVariable"/>=1. Errors we expect from bad input (arguments, files, formats,
/// the hub) print their message as is; anything else also names its type, since it is likely a bug.
/// </summary>
public static partial class ErrorBoundary
{
    public const int Failure = 1;

    public static async Task<int> RunAsync(CliServices services, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (CliErrorsException e)
        {
            foreach (var line in e.Lines) services.Error.WriteLine($"error: {OneLine(line)}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            services.Error.WriteLine("error: cancelled");
            return Failure;
        }
        catch (Exception e)
        {
            services.Error.WriteLine($"error: {Describe(e)}");
            if (services.ShowStackTraces) services.Error.WriteLine(e.ToString());
            return Failure;
        }
    }

    /// <summary>The error line's text for <paramref name="exception"/>: its innermost meaningful message, on one line.</summary>
    public static string Describe(Exception exception)
    {
        var e = Unwrap(exception);
        var message = OneLine(e.Message);
        return IsExpected(e) ? message : $"{message} ({e.GetType().Name}; set {CliServices.DebugVariable}=1 for the stack trace)";
    }

    public static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    private static Exception Unwrap(Exception e)
    {
        while (e is TypeInitializationException or TargetInvocationException or AggregateException && e.InnerException is { } inner)
            e = inner;
        return e;
    }

    private static bool IsExpected(Exception e) =>
        e is CliException or ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException
            or FormatException or System.Text.Json.JsonException;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
