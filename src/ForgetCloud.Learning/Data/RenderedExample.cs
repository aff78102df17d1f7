namespace ForgetCloud.Learning.Data;

/// <summary>
/// An example as text: the model sees <c>Prompt + Target</c> and the loss counts the target only. The EOS token is
/// not part of <paramref name="Target"/>: <see cref="ExampleTokenizer"/> appends its id.
/// <paramref name="Gold"/> is what the evaluation compares with: the GSM8K final answer as written after
/// <c>####</c>, or the AQUA-RAT correct letter.
/// </summary>
public sealed record RenderedExample(string Id, string Prompt, string Target, string Gold);
