using System.Text.RegularExpressions;

namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// <see cref="ConfigNode"/> -> <see cref="StudyConfig"/>: reads every key with its default, validates it, resolves
/// input paths, and reports every problem through <see cref="ConfigDiagnostics"/>. The single place that knows the
/// schema (the writer is its mirror; a round-trip test keeps them in step).
/// </summary>
internal static partial class StudyConfigBinder
{
    public static StudyConfig Bind(ConfigNode root, string baseDirectory, StudyConfigLoadOptions options, ConfigDiagnostics diagnostics)
    {
        var context = new BindContext(baseDirectory, options, diagnostics);
        var section = ConfigSection.Open(root, "", diagnostics);
        var defaults = new StudyConfig();

        var model = BindModel(section.Child("model"), context);
        var training = BindTraining(section.Child("training"));
        var optimizer = BindOptimizer(section.Child("optimizer"));
        var evaluation = BindEvaluation(section.Child("evaluation"));
        var logging = BindLogging(section.Child("logging"));
        var data = BindData(section.Child("data"), context);
        var device = BindDevice(section, defaults.Device);
        var dtype = BindDtype(section);
        var seed = section.Int("seed", defaults.Seed, Bound.NonNegative);
        var seeds = section.Int("seeds", defaults.Seeds, Bound.AtLeast(1));
        section.Finish();

        return new StudyConfig
        {
            Model = model, Training = training, Optimizer = optimizer, Evaluation = evaluation, Logging = logging,
            Data = data, Device = device, Dtype = dtype, Seed = seed, Seeds = seeds,
        };
    }

    private sealed record BindContext(string BaseDirectory, StudyConfigLoadOptions Options, ConfigDiagnostics Diagnostics);

    private static ModelConfig BindModel(ConfigSection s, BindContext context)
    {
        var d = new ModelConfig();
        var name = s.String("name", d.Name, allowNull: false)!;
        var source = ResolveModelSource(s, name, context);
        if (source == ModelSourceKind.Local) name = ResolvePath(name, context.BaseDirectory);
        CheckModelName(s, name, source, context);

        var tokenizer = s.String("tokenizer", null, allowNull: true);
        if (tokenizer is not null && IsTokenizerPath(tokenizer))
        {
            tokenizer = ResolvePath(tokenizer, context.BaseDirectory);
            if (context.Options.CheckPaths && !File.Exists(tokenizer) && !Directory.Exists(tokenizer))
                s.Error("tokenizer", $"no such file or directory: {tokenizer}");
        }
        else if (tokenizer is not null && !SimpleName().IsMatch(tokenizer))
        {
            s.Error("tokenizer", $"must be a tokenizer name (letters, digits, '.', '_', '-') or a path (got '{tokenizer}')");
        }

        var useLora = s.Bool("use_lora", d.UseLora);
        var loadIn4Bit = s.Bool("load_in_4bit", d.LoadIn4Bit);
        if (loadIn4Bit && !useLora)
            s.Error("load_in_4bit", "a 4-bit base is frozen: it needs use_lora: true (full fine-tuning cannot update 4-bit weights)");

        return new ModelConfig
        {
            Name = name,
            Source = source,
            Tokenizer = tokenizer,
            UseLora = useLora,
            LoraRank = s.Int("lora_rank", d.LoraRank, Bound.AtLeast(1)),
            LoraAlpha = s.Number("lora_alpha", d.LoraAlpha, Bound.Positive),
            LoraDropout = s.Number("lora_dropout", d.LoraDropout, Bound.UnitRightOpen),
            TargetModules = BindTargetModules(s) ?? d.TargetModules,
            LoraStage2Mode = s.Enum("lora_stage2_mode", d.LoraStage2Mode, ConfigNames.LoraStage2Modes),
            LoadIn4Bit = loadIn4Bit,
            Bnb4BitQuantType = s.Enum("bnb_4bit_quant_type", d.Bnb4BitQuantType, ConfigNames.FourBitQuantTypes),
            Bnb4BitUseDoubleQuant = s.Bool("bnb_4bit_use_double_quant", d.Bnb4BitUseDoubleQuant),
            Bnb4BitComputeDtype = s.Enum("bnb_4bit_compute_dtype", d.Bnb4BitComputeDtype, ConfigNames.Precisions),
        }.Also(s.Finish);
    }

    private static ModelSourceKind ResolveModelSource(ConfigSection s, string name, BindContext context)
    {
        var allowed = new[] { "auto" }.Concat(ConfigNames.ModelSources.Names).ToArray();
        var written = s.Choice("source", allowed) ?? "auto";
        if (written != "auto")
        {
            ConfigNames.ModelSources.TryParse(written, out var explicitKind);
            return explicitKind;
        }
        // Like transformers' from_pretrained: something path-shaped is a directory; owner/name is a hub id unless
        // such a directory exists next to the config; a bare name is a preset.
        if (LooksLikePath(name)) return ModelSourceKind.Local;
        if (name.Contains('/'))
        {
            return context.Options.CheckPaths && Directory.Exists(ResolvePath(name, context.BaseDirectory))
                ? ModelSourceKind.Local
                : ModelSourceKind.Hub;
        }
        return ModelSourceKind.Preset;
    }

    private static void CheckModelName(ConfigSection s, string name, ModelSourceKind source, BindContext context)
    {
        switch (source)
        {
            case ModelSourceKind.Local when context.Options.CheckPaths && !Directory.Exists(name):
                s.Error("name", $"model directory not found: {name}");
                break;
            case ModelSourceKind.Hub when !HubId().IsMatch(name):
                s.Error("name", $"must be a Hugging Face hub id like owner/name (got '{name}')");
                break;
            case ModelSourceKind.Preset when context.Options.KnownModelPresets is { } presets && !presets.Contains(name):
                s.Error("name", ConfigSection.UnknownChoice(name, presets.Order(StringComparer.Ordinal).ToArray(), "a model preset"));
                break;
            case ModelSourceKind.Preset when !SimpleName().IsMatch(name):
                s.Error("name", $"must be a preset name (letters, digits, '.', '_', '-') (got '{name}')");
                break;
        }
    }

    private static ValueList<string>? BindTargetModules(ConfigSection s)
    {
        var items = s.StringList("target_modules");
        if (items is null) return null;
        var allowed = DatasetCatalog.LoraTargetModules;
        if (items.Count == 0) s.Error("target_modules", $"must name at least one of {string.Join(", ", allowed)}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (text, node, path) in items)
        {
            if (!allowed.Contains(text))
                s.Diagnostics.Error(path, ConfigSection.UnknownChoice(text, allowed, "a target module"), node);
            else if (!seen.Add(text))
                s.Diagnostics.Error(path, $"'{text}' is listed twice", node);
        }
        return new ValueList<string>(items.Select(i => i.Text));
    }

    private static TrainingConfig BindTraining(ConfigSection s)
    {
        var d = new TrainingConfig();
        return new TrainingConfig
        {
            Stage1 = BindStage(s.Child("stage1"), d.Stage1),
            Stage2 = BindStage(s.Child("stage2"), d.Stage2),
            GradientCheckpointing = s.Bool("gradient_checkpointing", d.GradientCheckpointing),
        }.Also(s.Finish);
    }

    private static StageConfig BindStage(ConfigSection s, StageConfig d)
    {
        var dataset = s.Enum("dataset", d.Dataset, ConfigNames.Datasets);
        var split = s.String("split", d.Split, allowNull: false)!;
        var splits = DatasetCatalog.TrainingSplits(dataset);
        if (split == DatasetCatalog.TestSplit)
            s.Error("split", $"the test split is held out: every evaluation reads it, so training on it would score the model on what it trained on; use one of {string.Join(", ", splits)}");
        else if (!splits.Contains(split))
            s.Error("split", ConfigSection.UnknownChoice(split, splits, $"a training split of {ConfigNames.Of(dataset)}"));

        var hasSteps = s.Has("warmup_steps");
        var hasRatio = s.Has("warmup_ratio");
        if (hasSteps && hasRatio) s.Error("warmup_ratio", "set either warmup_steps or warmup_ratio, not both");
        var warmupSteps = s.Int("warmup_steps", d.WarmupSteps ?? 0, Bound.NonNegative);
        var warmupRatio = s.NullableNumber("warmup_ratio", null, Bound.UnitRightOpen, allowNull: false);

        return new StageConfig
        {
            Dataset = dataset,
            Split = split,
            MaxExamples = s.NullableInt("max_examples", d.MaxExamples, Bound.AtLeast(1)),
            Epochs = s.Int("epochs", d.Epochs, Bound.AtLeast(1)),
            BatchSize = s.Int("batch_size", d.BatchSize, Bound.AtLeast(1)),
            GradientAccumulationSteps = s.Int("gradient_accumulation_steps", d.GradientAccumulationSteps, Bound.AtLeast(1)),
            LearningRate = s.Number("learning_rate", d.LearningRate, Bound.Positive),
            WeightDecay = s.Number("weight_decay", d.WeightDecay, Bound.NonNegative),
            WarmupSteps = hasRatio && !hasSteps ? null : warmupSteps,
            WarmupRatio = hasRatio && !hasSteps ? warmupRatio : null,
            LrSchedulerType = s.Enum("lr_scheduler_type", d.LrSchedulerType, ConfigNames.Schedulers),
            MaxGradNorm = s.NullableNumber("max_grad_norm", d.MaxGradNorm, Bound.Positive),
            MaxLength = s.Int("max_length", d.MaxLength, Bound.AtLeast(2)),
        }.Also(s.Finish);
    }

    private static OptimizerConfig BindOptimizer(ConfigSection s)
    {
        var d = new OptimizerConfig();
        var type = s.Enum("type", d.Type, ConfigNames.Optimizers);

        var a = s.Child("adamw");
        var adamw = new AdamWConfig
        {
            Beta1 = a.Number("beta1", d.AdamW.Beta1, Bound.UnitRightOpen),
            Beta2 = a.Number("beta2", d.AdamW.Beta2, Bound.UnitRightOpen),
            Eps = a.Number("eps", d.AdamW.Eps, Bound.Positive),
        }.Also(a.Finish);

        var m = s.Child("muon");
        var mu = m.NullableNumber("mu", null, Bound.Any);
        if (mu is not null)
            m.Warning("mu", "accepted for compatibility with the original framework; Muon has no such parameter, so it has no effect");
        var muon = new MuonConfig
        {
            Beta1 = m.Number("beta1", d.Muon.Beta1, Bound.UnitRightOpen),
            Beta2 = m.Number("beta2", d.Muon.Beta2, Bound.UnitRightOpen),
            Eps = m.Number("eps", d.Muon.Eps, Bound.Positive),
            Mu = mu,
            Momentum = m.Number("momentum", d.Muon.Momentum, Bound.UnitRightOpen),
            Nesterov = m.Bool("nesterov", d.Muon.Nesterov),
            NsSteps = m.Int("ns_steps", d.Muon.NsSteps, Bound.AtLeast(1)),
            AdjustLrToMatchAdamW = m.Bool("adjust_lr_to_match_adamw", d.Muon.AdjustLrToMatchAdamW),
            LoraFactors = m.Enum("lora_factors", d.Muon.LoraFactors, ConfigNames.MuonLoraFactorChoices),
        }.Also(m.Finish);

        var decayAll = s.Bool("decay_all_parameters", d.DecayAllParameters);
        return new OptimizerConfig { Type = type, DecayAllParameters = decayAll, AdamW = adamw, Muon = muon }.Also(s.Finish);
    }

    private static EvaluationConfig BindEvaluation(ConfigSection s)
    {
        var d = new EvaluationConfig();
        EvalExampleLimits Limits(string key)
        {
            var limits = s.Child(key);
            return new EvalExampleLimits
            {
                Gsm8k = limits.NullableInt(ConfigNames.Of(DatasetKind.Gsm8k), null, Bound.AtLeast(1)),
                AquaRat = limits.NullableInt(ConfigNames.Of(DatasetKind.AquaRat), null, Bound.AtLeast(1)),
            }.Also(limits.Finish);
        }

        var maxExamples = Limits("max_examples");
        var generationMaxExamples = Limits("generation_max_examples");

        return new EvaluationConfig
        {
            BatchSize = s.Int("batch_size", d.BatchSize, Bound.AtLeast(1)),
            MaxNewTokens = s.Int("max_new_tokens", d.MaxNewTokens, Bound.AtLeast(1)),
            Temperature = s.Number("temperature", d.Temperature, Bound.Positive),
            DoSample = s.Bool("do_sample", d.DoSample),
            PadTokenId = s.NullableInt("pad_token_id", d.PadTokenId, Bound.NonNegative),
            ReplaySamples = s.Int("replay_samples", d.ReplaySamples, Bound.NonNegative),
            MaxExamples = maxExamples,
            GenerationMaxExamples = generationMaxExamples,
            CurveInterval = s.Int("curve_interval", d.CurveInterval, Bound.NonNegative),
            CurveExamples = s.Int("curve_examples", d.CurveExamples, Bound.AtLeast(1)),
            WeightDrift = s.Bool("weight_drift", d.WeightDrift),
            BootstrapResamples = s.Int("bootstrap_resamples", d.BootstrapResamples, Bound.AtLeast(100)),
            ConfidenceLevel = s.Number("confidence_level", d.ConfidenceLevel, Bound.UnitOpen),
        }.Also(s.Finish);
    }

    private static LoggingConfig BindLogging(ConfigSection s)
    {
        var d = new LoggingConfig();
        var logging = new LoggingConfig
        {
            LogDir = s.String("log_dir", d.LogDir, allowNull: false)!,
            TensorboardDir = s.String("tensorboard_dir", d.TensorboardDir, allowNull: false)!,
            SaveDir = s.String("save_dir", d.SaveDir, allowNull: false)!,
            LogInterval = s.Int("log_interval", d.LogInterval, Bound.AtLeast(1)),
            EvalInterval = s.Int("eval_interval", d.EvalInterval, Bound.AtLeast(1)),
            SaveInterval = s.Int("save_interval", d.SaveInterval, Bound.AtLeast(1)),
        };
        s.Finish();
        return logging;
    }

    private static DataConfig BindData(ConfigSection s, BindContext context)
    {
        var d = new DataConfig();
        var source = s.Enum("source", d.Source, ConfigNames.DataSources);
        var localDir = s.String("local_dir", null, allowNull: true);
        var cacheDir = s.String("cache_dir", null, allowNull: true);
        if (localDir is not null) localDir = ResolvePath(localDir, context.BaseDirectory);
        if (cacheDir is not null) cacheDir = ResolvePath(cacheDir, context.BaseDirectory);

        if (source == DataSourceKind.Local && localDir is null)
        {
            // Reported at the missing key's path (no position: it isn't in the file).
            context.Diagnostics.Error(s.Join("local_dir"),
                "required when data.source is local (a directory holding gsm8k/ and aqua_rat/)",
                s.Entry("source")?.Value);
        }
        else if (source == DataSourceKind.Local && context.Options.CheckPaths && !Directory.Exists(localDir))
        {
            s.Error("local_dir", $"directory not found: {localDir}");
        }
        s.Finish();
        return new DataConfig { Source = source, LocalDir = localDir, CacheDir = cacheDir };
    }

    private static DeviceSpec BindDevice(ConfigSection s, DeviceSpec fallback)
    {
        var text = s.String("device", null, allowNull: false);
        if (text is null) return fallback;
        if (DeviceSpec.TryParse(text, out var spec)) return spec;
        var message = $"must be {DeviceSpec.Forms} (got '{text}')";
        s.Error("device", NameSuggestion.Nearest(text, ["auto", "cpu", "cuda"]) is { } near ? message + $"; did you mean '{near}'?" : message);
        return fallback;
    }

    private static Precision BindDtype(ConfigSection s)
    {
        var mixed = s.NullableBool("mixed_precision");
        var dtypeWritten = s.Has("dtype");
        var fallback = mixed switch { true => Precision.Bf16, false => Precision.Fp32, null => Precision.Auto };
        var dtype = s.Enum("dtype", fallback, ConfigNames.Precisions);
        if (dtypeWritten && mixed is { } m && dtype != fallback)
        {
            s.Error("dtype", $"{ConfigNames.Of(dtype)} contradicts mixed_precision: {(m ? "true" : "false")} " +
                             "(mixed_precision true means bf16, false means fp32); set one of them");
        }
        return dtype;
    }

    internal static bool LooksLikePath(string value) =>
        Path.IsPathRooted(value) || value.StartsWith('.') || value.StartsWith('~') || value.Contains('\\');

    private static bool IsTokenizerPath(string value) => LooksLikePath(value) || value.Contains('/');

    /// <summary>Expands a leading ~ and makes the path absolute against <paramref name="baseDirectory"/>.</summary>
    internal static string ResolvePath(string written, string baseDirectory)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var expanded = written == "~" ? home
            : written.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, written[2..])
            : written;
        return Path.GetFullPath(expanded, baseDirectory);
    }

    private static T Also<T>(this T value, Action action)
    {
        action();
        return value;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")]
    private static partial Regex HubId();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SimpleName();
}
