using System.Globalization;

namespace ForgetCloud.Api.Requests;

/// <summary>
/// A decoded path holding a control character (<c>%01</c>..<c>%1F</c>, <c>%7F</c>) is a 400 problem details before
/// routing: no run id, artifact path or route contains one, and passing it on would only reach lookups and logs.
/// (Kestrel itself refuses <c>%00</c>; <see cref="MalformedRequestProblems"/> gives that refusal its body.)
/// </summary>
public static class ControlCharacterPaths
{
    public static IApplicationBuilder UseControlCharacterPathRefusal(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            var index = path.AsSpan().IndexOfAnyInRange('\0', '\x1f');
            if (index < 0) index = path.IndexOf('\x7f', StringComparison.Ordinal);
            if (index < 0)
            {
                await next(context);
                return;
            }
            var code = ((int)path[index]).ToString("X4", CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid path",
                detail: $"The path holds the control character U+{code} at position {index}; paths are printable text.").ExecuteAsync(context);
        });
    }
}
