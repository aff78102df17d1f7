using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Tests.Configuration;

public class ValidationTests
{
    [Theory]
    [InlineData("training: { stage1: { learning_rate: -1 } }", "training.stage1.learning_rate", "must be > 0 (got -1)")]
    [InlineData("training: { stage2: { learning_rate: 0 } }", "training.stage2.learning_rate", "must be > 0 (got 0)")]
    [InlineData("model: { lora_rank: 0 }", "model.lora_rank", "must be >= 1 (got 0)")]
    [InlineData("model: { lora_dropout: 1.0 }", "model.lora_dropout", "must be in [0, 1) (got 1.0)")]
    [InlineData("model: { lora_dropout: -0.1 }", "model.lora_dropout", "must be in [0, 1) (got -0.1)")]
    [InlineData("model: { lora_alpha: 0 }", "model.lora_alpha", "must be > 0 (got 0)")]
    [InlineData("optimizer: { type: sgd }", "optimizer.type", "must be one of adamw, muon (got 'sgd')")]
    [InlineData("optimizer: { type: admw }", "optimizer.type", "must be one of adamw, muon (got 'admw'); did you mean 'adamw'?")]
    [InlineData("training: { stage1: { dataset: mnist } }", "training.stage1.dataset", "must be one of gsm8k, aqua_rat (got 'mnist')")]
    [InlineData("training: { stage1: { dataset: gsm8k, split: dev } }", "training.stage1.split", "a training split of gsm8k must be one of train (got 'dev')")]
    [InlineData("training: { stage1: { dataset: gsm8k, split: test } }", "training.stage1.split", "the test split is held out: every evaluation reads it, so training on it would score the model on what it trained on; use one of train")]
    [InlineData("training: { stage2: { dataset: aqua_rat, split: test } }", "training.stage2.split", "the test split is held out: every evaluation reads it, so training on it would score the model on what it trained on; use one of train, dev")]
    [InlineData("evaluation: { bootstrap_resamples: 99 }", "evaluation.bootstrap_resamples", "must be >= 100 (got 99)")]
    [InlineData("optimizer: { muon: { lora_factors: sometimes } }", "optimizer.muon.lora_factors", "must be one of both, b_only (got 'sometimes')")]
    [InlineData("training: { stage2: { lr_scheduler_type: step } }", "training.stage2.lr_scheduler_type", "must be one of linear, cosine, constant (got 'step')")]
    [InlineData("training: { stage1: { epochs: 2.5 } }", "training.stage1.epochs", "must be an integer (got 2.5)")]
    [InlineData("training: { stage1: { learning_rate: \"2e-4\" } }", "training.stage1.learning_rate", "must be a number, without quotes (got the string \"2e-4\")")]
    [InlineData("training: { stage1: { learning_rate: fast } }", "training.stage1.learning_rate", "must be a number (got fast)")]
    [InlineData("training: { stage1: { max_grad_norm: 0 } }", "training.stage1.max_grad_norm", "must be > 0 (got 0)")]
    [InlineData("training: { stage1: { max_examples: 0 } }", "training.stage1.max_examples", "must be >= 1 (got 0)")]
    [InlineData("training: { stage1: { warmup_ratio: 1.5 } }", "training.stage1.warmup_ratio", "must be in [0, 1) (got 1.5)")]
    [InlineData("training: { stage1: { warmup_steps: 10, warmup_ratio: 0.1 } }", "training.stage1.warmup_ratio", "set either warmup_steps or warmup_ratio, not both")]
    [InlineData("dtype: fp16", "dtype", "must be one of auto, fp32, bf16 (got 'fp16')")]
    [InlineData("dtype: bf16\nmixed_precision: false", "dtype", "bf16 contradicts mixed_precision: false (mixed_precision true means bf16, false means fp32); set one of them")]
    [InlineData("mixed_precision: yes", "mixed_precision", "must be true or false (got yes)")]
    [InlineData("device: tpu", "device", "must be auto, cpu, cuda or cuda:N (N = 0, 1, ...) (got 'tpu'); did you mean 'cpu'?")]
    [InlineData("data: { source: local }", "data.local_dir", "required when data.source is local (a directory holding gsm8k/ and aqua_rat/)")]
    [InlineData("data: { source: ftp }", "data.source", "must be one of download, local (got 'ftp')")]
    [InlineData("model: { lora_stage2_mode: merge }", "model.lora_stage2_mode", "must be one of continue, merge_and_new (got 'merge')")]
    [InlineData("model: { use_lora: false, load_in_4bit: true }", "model.load_in_4bit", "a 4-bit base is frozen: it needs use_lora: true (full fine-tuning cannot update 4-bit weights)")]
    [InlineData("model: { bnb_4bit_quant_type: int4 }", "model.bnb_4bit_quant_type", "must be one of nf4, fp4 (got 'int4')")]
    [InlineData("optimizer: { muon: { ns_steps: 0 } }", "optimizer.muon.ns_steps", "must be >= 1 (got 0)")]
    [InlineData("optimizer: { adamw: { beta2: 1 } }", "optimizer.adamw.beta2", "must be in [0, 1) (got 1)")]
    [InlineData("evaluation: { confidence_level: 1 }", "evaluation.confidence_level", "must be in (0, 1) (got 1)")]
    [InlineData("evaluation: { max_examples: { svamp: 10 } }", "evaluation.max_examples.svamp", "unknown key (allowed here: gsm8k, aqua_rat)")]
    [InlineData("seeds: 0", "seeds", "must be >= 1 (got 0)")]
    [InlineData("seed: 99999999999", "seed", "is out of range for a 32-bit integer (got 99999999999)")]
    [InlineData("model: { name: \"not a hub/id!\", source: hub }", "model.name", "must be a Hugging Face hub id like owner/name (got 'not a hub/id!')")]
    [InlineData("model: [a, b]", "model", "must be a mapping of keys to values (got a list)")]
    [InlineData("training: { stage1: { epochs: } }", "training.stage1.epochs", "must have a value (got null)")]
    public void BadValueIsReportedWithPathAndWhatIsAllowed(string yaml, string path, string message)
    {
        var error = ConfigText.SingleError(yaml);
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void UnknownTargetModuleIsReportedByIndexWithSuggestion()
    {
        var error = ConfigText.SingleError("model:\n  target_modules: [q_proj, k_proj, mlp]\n");
        Assert.Equal("model.target_modules[2]", error.Path);
        Assert.Equal("a target module must be one of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj (got 'mlp')", error.Message);
        var typo = ConfigText.Yaml("model:\n  target_modules: [q_prj]\n").Errors.Single();
        Assert.Equal("model.target_modules[0]", typo.Path);
        Assert.EndsWith("did you mean 'q_proj'?", typo.Message);
    }

    [Fact]
    public void DuplicateAndEmptyTargetModulesAreErrors()
    {
        Assert.Equal("'q_proj' is listed twice", ConfigText.SingleError("model: { target_modules: [q_proj, q_proj] }").Message);
        var empty = ConfigText.SingleError("model: { target_modules: [] }");
        Assert.Equal("model.target_modules", empty.Path);
        Assert.StartsWith("must name at least one of q_proj", empty.Message);
    }

    [Fact]
    public void MisspelledKeyGetsTheNearestValidKeyAndItsPosition()
    {
        var error = ConfigText.SingleError("training:\n  stage1:\n    lerning_rate: 0.001\n");
        Assert.Equal("training.stage1.lerning_rate", error.Path);
        Assert.StartsWith("unknown key; did you mean 'learning_rate'? (allowed here: dataset, split, ", error.Message);
        Assert.Equal((3, 5), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("model: { lora_rnak: 8 }", "model.lora_rnak", "lora_rank")]          // transposition
    [InlineData("optimizer: { tpye: muon }", "optimizer.tpye", "type")]
    [InlineData("mixed_precison: true", "mixed_precision", "mixed_precision")]
    [InlineData("training: { stage1: { num_epochs: 2 } }", "training.stage1.num_epochs", "epochs")] // a known other name
    [InlineData("model: { r: 8 }", "model.r", "lora_rank")]
    public void SuggestionsForTyposAndForeignNames(string yaml, string path, string suggestion)
    {
        var error = ConfigText.SingleError(yaml);
        Assert.Equal(path == "mixed_precision" ? "mixed_precison" : path, error.Path);
        Assert.Contains($"did you mean '{suggestion}'?", error.Message);
    }

    [Fact]
    public void UnrelatedUnknownKeyGetsNoSuggestionButTheAllowedKeys()
    {
        var error = ConfigText.SingleError("logging: { colour: blue }");
        Assert.Equal("logging.colour", error.Path);
        Assert.Equal("unknown key (allowed here: log_dir, tensorboard_dir, save_dir, log_interval, eval_interval, save_interval)", error.Message);
    }

    [Fact]
    public void AllErrorsAreReportedAtOnce()
    {
        const string yaml = """
            model:
              lora_rank: 0
              lora_dropout: 2
              target_modules: [q_proj, attn]
            training:
              stage1:
                learning_rate: -1
                lerning_rate: 1
              stage2:
                dataset: mnist
            optimizer:
              type: sgd
            data:
              source: local
            """;
        var result = ConfigText.Yaml(yaml);
        Assert.Null(result.Config);
        Assert.Equal(
            [
                "model.lora_rank", "model.lora_dropout", "model.target_modules[1]",
                "training.stage1.learning_rate", "training.stage1.lerning_rate", "training.stage2.dataset",
                "optimizer.type", "data.local_dir",
            ],
            result.Errors.Select(e => e.Path));
        var exception = Assert.Throws<StudyConfigException>(result.GetConfigOrThrow);
        Assert.Equal(8, exception.Errors.Count);
        Assert.StartsWith("Invalid configuration (8 errors):", exception.Message);
        Assert.Contains("  line 7, column 20: training.stage1.learning_rate: must be > 0 (got -1)", exception.Message);
    }

    [Fact]
    public void DuplicateKeyIsAnError()
    {
        var error = ConfigText.SingleError("seed: 1\nseed: 2\n");
        Assert.Equal(("seed", "duplicate key (it appears more than once in this mapping)", 2), (error.Path, error.Message, error.Line));
    }

    [Fact]
    public void YamlSyntaxErrorHasLineAndColumn()
    {
        var error = ConfigText.SingleError("model:\n  name: tiny\n  use_lora: [true\nseed: 1\n");
        Assert.Equal("", error.Path);
        Assert.StartsWith("YAML syntax error: ", error.Message);
        Assert.NotNull(error.Line);
        Assert.InRange(error.Line!.Value, 3, 4);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void BadIndentationIsASyntaxErrorOnItsLine()
    {
        var error = ConfigText.SingleError("model:\n  name: tiny\n   use_lora: true\n");
        Assert.StartsWith("YAML syntax error: ", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void JsonSyntaxErrorHasLineAndColumn()
    {
        var result = StudyConfigLoader.LoadText("{\n  \"seed\": 1,\n  \"model\": { \"name\" \"tiny\" }\n}", ConfigFormat.Json, ConfigText.NoPathChecks);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("JSON syntax error: ", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal(21, error.Column); // the second string, where the colon is missing
    }

    [Fact]
    public void JsonValuesAreValidatedWithPositions()
    {
        var json = "{\n  \"training\": { \"stage1\": { \"learning_rate\": -0.5 } },\n  \"optimizer\": { \"type\": \"lion\" }\n}";
        var result = StudyConfigLoader.LoadText(json, ConfigFormat.Json, ConfigText.NoPathChecks);
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal(("training.stage1.learning_rate", "must be > 0 (got -0.5)", 2, 46),
            (result.Errors[0].Path, result.Errors[0].Message, result.Errors[0].Line, result.Errors[0].Column));
        Assert.Equal("optimizer.type", result.Errors[1].Path);
        // A JSON string is never a number.
        var quoted = StudyConfigLoader.LoadText("{\"seed\": \"7\"}", ConfigFormat.Json, ConfigText.NoPathChecks);
        Assert.Equal("must be an integer, without quotes (got the string \"7\")", quoted.Errors.Single().Message);
    }

    [Fact]
    public void MissingConfigFileIsAnErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"forgetcloud-missing-{Guid.NewGuid():N}.yaml");
        var result = StudyConfigLoader.LoadFile(path);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"config file not found: {path}", error.Message);
        Assert.Equal(path, error.File);
        Assert.Equal($"{path}: config file not found: {path}", error.ToString());
    }

    [Fact]
    public void UnknownExtensionAndEmptyDocumentAreErrors()
    {
        Assert.Equal("unknown config file extension '.toml'; use .yaml, .yml or .json",
            StudyConfigLoader.LoadFile("study.toml").Errors.Single().Message);
        Assert.StartsWith("the configuration is empty", ConfigText.SingleError("# only a comment\n").Message);
        Assert.Equal("must be a mapping of keys to values (got a list)", ConfigText.SingleError("- a\n- b\n").Message);
    }

    [Fact]
    public void ErrorsFromAFileCarryTheFileAndPosition()
    {
        var dir = Directory.CreateTempSubdirectory("forgetcloud-config-");
        try
        {
            var path = Path.Combine(dir.FullName, "bad.yaml");
            File.WriteAllText(path, "training:\n  stage1:\n    learning_rate: -1\n");
            var error = StudyConfigLoader.LoadFile(path).Errors.Single();
            Assert.Equal($"{path}:3:20: training.stage1.learning_rate: must be > 0 (got -1)", error.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
