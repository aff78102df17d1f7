using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// <see cref="StudyConfig"/> -> YAML or JSON, every key written (defaults included), so a checkpoint's copy states
/// exactly what ran. The mirror of <see cref="StudyConfigBinder"/>: what it writes, the binder reads back equal.
/// </summary>
internal static class StudyConfigWriter
{
    public static string ToYaml(StudyConfig config)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        EmitYaml(emitter, ToNode(config), flowSequences: true);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    public static string ToJson(StudyConfig config)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            EmitJson(json, ToNode(config));
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static MappingNode ToNode(StudyConfig c) => Map(
        ("model", Model(c.Model)),
        ("training", Map(
            ("stage1", Stage(c.Training.Stage1)),
            ("stage2", Stage(c.Training.Stage2)),
            ("gradient_checkpointing", Bool(c.Training.GradientCheckpointing)))),
        ("optimizer", Optimizer(c.Optimizer)),
        ("evaluation", Evaluation(c.Evaluation)),
        ("logging", Logging(c.Logging)),
        ("data", Map(
            ("source", Str(ConfigNames.Of(c.Data.Source))),
            ("local_dir", OptStr(c.Data.LocalDir)),
            ("cache_dir", OptStr(c.Data.CacheDir)))),
        ("device", Str(c.Device.ToString())),
        ("dtype", Str(ConfigNames.Of(c.Dtype))),
        ("seed", Int(c.Seed)),
        ("seeds", Int(c.Seeds)));

    private static MappingNode Model(ModelConfig m) => Map(
        ("name", Str(m.Name)),
        ("source", Str(ConfigNames.Of(m.Source))),
        ("tokenizer", OptStr(m.Tokenizer)),
        ("use_lora", Bool(m.UseLora)),
        ("lora_rank", Int(m.LoraRank)),
        ("lora_alpha", Num(m.LoraAlpha)),
        ("lora_dropout", Num(m.LoraDropout)),
        ("target_modules", new SequenceNode(m.TargetModules.Select(t => (ConfigNode)Str(t)).ToArray(), null, null)),
        ("lora_stage2_mode", Str(ConfigNames.Of(m.LoraStage2Mode))),
        ("load_in_4bit", Bool(m.LoadIn4Bit)),
        ("bnb_4bit_quant_type", Str(ConfigNames.Of(m.Bnb4BitQuantType))),
        ("bnb_4bit_use_double_quant", Bool(m.Bnb4BitUseDoubleQuant)),
        ("bnb_4bit_compute_dtype", Str(ConfigNames.Of(m.Bnb4BitComputeDtype))));

    private static MappingNode Stage(StageConfig s)
    {
        var warmup = s.WarmupRatio is { } ratio ? ("warmup_ratio", Num(ratio)) : ("warmup_steps", (ConfigNode)Int(s.WarmupSteps ?? 0));
        return Map(
            ("dataset", Str(ConfigNames.Of(s.Dataset))),
            ("split", Str(s.Split)),
            ("max_examples", OptInt(s.MaxExamples)),
            ("epochs", Int(s.Epochs)),
            ("batch_size", Int(s.BatchSize)),
            ("gradient_accumulation_steps", Int(s.GradientAccumulationSteps)),
            ("learning_rate", Num(s.LearningRate)),
            ("weight_decay", Num(s.WeightDecay)),
            warmup,
            ("lr_scheduler_type", Str(ConfigNames.Of(s.LrSchedulerType))),
            ("max_grad_norm", s.MaxGradNorm is { } n ? Num(n) : ScalarNode.Null),
            ("max_length", Int(s.MaxLength)));
    }

    private static MappingNode Optimizer(OptimizerConfig o)
    {
        var muon = new List<(string, ConfigNode)>
        {
            ("beta1", Num(o.Muon.Beta1)), ("beta2", Num(o.Muon.Beta2)), ("eps", Num(o.Muon.Eps)),
        };
        if (o.Muon.Mu is { } mu) muon.Add(("mu", Num(mu))); // written only when the source had it
        muon.AddRange([
            ("momentum", Num(o.Muon.Momentum)), ("nesterov", Bool(o.Muon.Nesterov)), ("ns_steps", Int(o.Muon.NsSteps)),
            ("adjust_lr_to_match_adamw", Bool(o.Muon.AdjustLrToMatchAdamW)),
            ("lora_factors", Str(ConfigNames.Of(o.Muon.LoraFactors))),
        ]);
        return Map(
            ("type", Str(ConfigNames.Of(o.Type))),
            ("decay_all_parameters", Bool(o.DecayAllParameters)),
            ("adamw", Map(("beta1", Num(o.AdamW.Beta1)), ("beta2", Num(o.AdamW.Beta2)), ("eps", Num(o.AdamW.Eps)))),
            ("muon", Map(muon.ToArray())));
    }

    private static MappingNode Evaluation(EvaluationConfig e) => Map(
        ("batch_size", Int(e.BatchSize)),
        ("max_new_tokens", Int(e.MaxNewTokens)),
        ("temperature", Num(e.Temperature)),
        ("do_sample", Bool(e.DoSample)),
        ("pad_token_id", OptInt(e.PadTokenId)),
        ("replay_samples", Int(e.ReplaySamples)),
        ("max_examples", Map(
            (ConfigNames.Of(DatasetKind.Gsm8k), OptInt(e.MaxExamples.Gsm8k)),
            (ConfigNames.Of(DatasetKind.AquaRat), OptInt(e.MaxExamples.AquaRat)))),
        ("generation_max_examples", Map(
            (ConfigNames.Of(DatasetKind.Gsm8k), OptInt(e.GenerationMaxExamples.Gsm8k)),
            (ConfigNames.Of(DatasetKind.AquaRat), OptInt(e.GenerationMaxExamples.AquaRat)))),
        ("curve_interval", Int(e.CurveInterval)),
        ("curve_examples", Int(e.CurveExamples)),
        ("weight_drift", Bool(e.WeightDrift)),
        ("bootstrap_resamples", Int(e.BootstrapResamples)),
        ("confidence_level", Num(e.ConfidenceLevel)));

    private static MappingNode Logging(LoggingConfig l) => Map(
        ("log_dir", Str(l.LogDir)),
        ("tensorboard_dir", Str(l.TensorboardDir)),
        ("save_dir", Str(l.SaveDir)),
        ("log_interval", Int(l.LogInterval)),
        ("eval_interval", Int(l.EvalInterval)),
        ("save_interval", Int(l.SaveInterval)));

    private static MappingNode Map(params (string Key, ConfigNode Value)[] entries) =>
        new(entries.Select(e => new MappingEntry(e.Key, e.Value, null, null)).ToArray(), null, null);

    private static ScalarNode Str(string value) => ScalarNode.String(value);
    private static ScalarNode OptStr(string? value) => value is null ? ScalarNode.Null : ScalarNode.String(value);
    private static ScalarNode Int(int value) => ScalarNode.Plain(value.ToString(CultureInfo.InvariantCulture));
    private static ScalarNode OptInt(int? value) => value is { } v ? Int(v) : ScalarNode.Null;
    private static ScalarNode Bool(bool value) => ScalarNode.Plain(value ? "true" : "false");

    // "R" is the shortest text that parses back to the same double, so numbers survive a round trip exactly.
    private static ScalarNode Num(double value) => ScalarNode.Plain(value.ToString("R", CultureInfo.InvariantCulture));

    private static void EmitYaml(IEmitter emitter, ConfigNode node, bool flowSequences)
    {
        switch (node)
        {
            case MappingNode map:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
                foreach (var entry in map.Entries)
                {
                    emitter.Emit(new Scalar(entry.Key));
                    EmitYaml(emitter, entry.Value, flowSequences);
                }
                emitter.Emit(new MappingEnd());
                break;
            case SequenceNode seq:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, flowSequences ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in seq.Items) EmitYaml(emitter, item, flowSequences);
                emitter.Emit(new SequenceEnd());
                break;
            case ScalarNode { Text: null }:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, "null", ScalarStyle.Plain, true, false));
                break;
            case ScalarNode { Quoted: true } s:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, s.Text!, ScalarStyle.DoubleQuoted, false, true));
                break;
            case ScalarNode s:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, s.Text!, ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitJson(Utf8JsonWriter json, ConfigNode node)
    {
        switch (node)
        {
            case MappingNode map:
                json.WriteStartObject();
                foreach (var entry in map.Entries)
                {
                    json.WritePropertyName(entry.Key);
                    EmitJson(json, entry.Value);
                }
                json.WriteEndObject();
                break;
            case SequenceNode seq:
                json.WriteStartArray();
                foreach (var item in seq.Items) EmitJson(json, item);
                json.WriteEndArray();
                break;
            case ScalarNode { Text: null }:
                json.WriteNullValue();
                break;
            case ScalarNode { Quoted: true } s:
                json.WriteStringValue(s.Text);
                break;
            case ScalarNode { Text: "true" or "false" } b:
                json.WriteBooleanValue(b.Text == "true");
                break;
            case ScalarNode s:
                json.WriteRawValue(s.Text!); // a number formatted above; WriteRawValue validates it is JSON
                break;
        }
    }
}
