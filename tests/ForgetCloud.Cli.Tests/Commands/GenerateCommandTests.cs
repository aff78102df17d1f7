using ForgetCloud.Cli.Tests.TestSupport;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;
using static TorchSharp.torch;

namespace ForgetCloud.Cli.Tests.Commands;

public sealed class GenerateCommandTests
{
    [Fact]
    public async Task Prints_the_greedy_continuation_of_uncached_full_recomputation()
    {
        const string prompt = "Once upon a time";
        const int maxNew = 12;
        var run = await InProcessCli.RunAsync("generate", "--model", "smoke", "--prompt", prompt, "--max-new-tokens", maxNew.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);

        // Independent greedy loop: recompute the whole sequence each step, argmax the last position, stop at EOS.
        var tokenizer = TokenizerFactory.FromName(ModelPresets.Smoke.TokenizerName);
        using var model = ModelFactory.Create(ModelPresets.Smoke);
        model.eval();
        var ids = tokenizer.Encode(prompt, addBos: true).ToList();
        var generated = new List<int>();
        using (no_grad())
        {
            for (var step = 0; step < maxNew; step++)
            {
                using var scope = NewDisposeScope();
                var logits = model.Forward(tensor(ids.Select(i => (long)i).ToArray()).unsqueeze(0));
                var next = (int)logits[0, -1].argmax().item<long>();
                if (next == tokenizer.EosTokenId || ModelPresets.Smoke.Config.EosTokenIds.Contains(next)) break;
                ids.Add(next);
                generated.Add(next);
            }
        }
        Assert.NotEmpty(generated);
        Assert.Equal(tokenizer.Decode(generated) + Environment.NewLine, run.Output);
    }
}
