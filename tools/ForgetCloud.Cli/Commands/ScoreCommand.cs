using System.CommandLine;
using ForgetCloud.Cli.Loading;
using ForgetCloud.Cli.Output;
using ForgetCloud.Cli.Parsing;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Cli.Commands;

/// <summary><c>forgetcloud score</c>: teacher-forced log-probability of each token given those before it, and the mean NLL.</summary>
public static class ScoreCommand
{
    public static Command Create(CliServices services)
    {
        var models = new ModelOptions();
        var text = new Option<string?>("--text") { Description = "Text to score (BOS is prepended when the tokenizer has one)" };
        var tokenIds = new Option<int[]?>("--token-ids")
        {
            Description = "Token ids to score as given, comma-separated: 1,2,3",
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result =>
            {
                var ids = TokenIdList.TryParse(result.Tokens.Single().Value, out var error);
                if (ids is null) result.AddError(error!);
                return ids;
            },
        };
        var json = new Option<bool>("--json") { Description = "Print {\"tokens\": [...], \"logprobs\": [...], \"mean_nll\": ...} (logprobs[0] is null)" };

        var command = new Command("score", "Log-probability of each token given the ones before it, and the mean negative log-likelihood");
        models.AddTo(command);
        command.Options.Add(text);
        command.Options.Add(tokenIds);
        command.Options.Add(json);
        command.Validators.Add(result =>
        {
            var hasText = result.GetResult(text) is not null;
            var hasIds = result.GetResult(tokenIds) is not null;
            if (hasText && hasIds) result.AddError("give either --text or --token-ids, not both");
            else if (!hasText && !hasIds) result.AddError("give what to score: --text \"...\" or --token-ids 1,2,3");
        });

        command.SetAction(async (parse, cancel) =>
        {
            var request = models.Read(parse);
            using var loaded = await new ModelLoader(services).LoadAsync(request, cancel).ConfigureAwait(false);
            // GetValue of an absent array option is an empty array, not null: ask whether it was given.
            var ids = parse.GetResult(tokenIds) is not null
                ? CheckVocabulary(parse.GetRequiredValue(tokenIds)!, loaded, request.Model)
                : Encode(parse.GetRequiredValue(text)!, loaded);
            var score = SequenceScorer.Score(loaded.Model, ids);
            services.Output.WriteLine(parse.GetValue(json) ? ScoreReport.Json(score) : ScoreReport.Table(score, loaded.Tokenizer));
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<int> CheckVocabulary(int[] ids, LoadedModel loaded, string model)
    {
        var vocab = loaded.Model.Config.VocabSize;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] >= vocab)
                throw new CliException($"--token-ids element {i + 1} ({ids[i]}) lies outside the vocabulary of model '{model}' [0, {vocab})");
        }
        return ids.Length >= 2 ? ids : throw new CliException($"--token-ids gives {ids.Length} id(s); scoring needs at least 2 (the first token has no log-probability)");
    }

    private static IReadOnlyList<int> Encode(string text, LoadedModel loaded)
    {
        var ids = loaded.Tokenizer.Encode(text, addBos: true);
        return ids.Count >= 2 ? ids
            : throw new CliException($"--text encodes to {ids.Count} token(s) ({string.Join(",", ids)}); scoring needs at least 2 (the first token has no log-probability)");
    }
}
