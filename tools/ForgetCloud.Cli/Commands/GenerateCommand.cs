using System.CommandLine;
using ForgetCloud.Cli.Loading;
using ForgetCloud.Learning.Generation;

namespace ForgetCloud.Cli.Commands;

/// <summary><c>forgetcloud generate</c>: greedy continuation of a prompt, stopping at EOS or after N new tokens.</summary>
public static class GenerateCommand
{
    public const int DefaultMaxNewTokens = 64;

    public static Command Create(CliServices services)
    {
        var models = new ModelOptions();
        var prompt = new Option<string>("--prompt", "-p") { Description = "The text to continue (BOS is prepended when the tokenizer has one)", Required = true };
        var maxNewTokens = new Option<int>("--max-new-tokens")
        {
            Description = "Upper bound on generated tokens (generation also stops at EOS)",
            DefaultValueFactory = _ => DefaultMaxNewTokens,
        };
        maxNewTokens.Validators.Add(result =>
        {
            // Look at the token, not the converted value: conversion of a non-number fails and reports its own error.
            if (result.Tokens is [{ } token] && int.TryParse(token.Value, out var value) && value < 1)
                result.AddError($"--max-new-tokens must be at least 1 (got {value})");
        });

        var command = new Command("generate", "Greedy decoding of a continuation (prints only the new text)");
        models.AddTo(command);
        command.Options.Add(prompt);
        command.Options.Add(maxNewTokens);

        command.SetAction(async (parse, cancel) =>
        {
            using var loaded = await new ModelLoader(services).LoadAsync(models.Read(parse), cancel).ConfigureAwait(false);
            var ids = loaded.Tokenizer.Encode(parse.GetRequiredValue(prompt), addBos: true);
            if (ids.Count == 0) throw new CliException("--prompt is empty and the tokenizer has no BOS token to start from");
            var result = new GreedyGenerator(loaded.Model).Generate([ids], new GenerationOptions
            {
                MaxNewTokens = parse.GetValue(maxNewTokens),
                EosTokenIds = loaded.EosTokenIds,
                PadTokenId = loaded.Tokenizer.PadTokenId,
                Decode = tokens => loaded.Tokenizer.Decode(tokens),
            })[0];
            services.Output.WriteLine(result.Text);
            return 0;
        });
        return command;
    }
}
