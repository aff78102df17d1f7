using System.Globalization;

namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// Typed reads of one mapping, recording every problem instead of stopping at the first. Each read names the key
/// it looks for, so the section learns its valid keys as it is read; <see cref="Finish"/> then reports every other
/// key as unknown, with the nearest valid key as a suggestion.
/// </summary>
internal sealed class ConfigSection
{
    // Names people bring from Hugging Face, PEFT or the original framework's README; suggestions only, never accepted.
    private static readonly Dictionary<string, string> Hints = new(StringComparer.OrdinalIgnoreCase)
    {
        ["num_epochs"] = "epochs",
        ["num_train_epochs"] = "epochs",
        ["r"] = "lora_rank",
        ["lora_r"] = "lora_rank",
        ["rank"] = "lora_rank",
        ["lr"] = "learning_rate",
        ["lr_scheduler"] = "lr_scheduler_type",
        ["lr_schedule"] = "lr_scheduler_type",
        ["scheduler"] = "lr_scheduler_type",
        ["schedule"] = "lr_scheduler_type",
        ["save_steps"] = "logging.save_interval",
        ["output_dir"] = "logging.log_dir / logging.save_dir, or the --output-dir flag",
        ["per_device_train_batch_size"] = "batch_size",
        ["torch_dtype"] = "dtype",
        ["precision"] = "dtype",
    };

    private readonly MappingNode? _node;
    private readonly ConfigDiagnostics _diagnostics;
    private readonly List<string> _known = [];
    private readonly Dictionary<string, MappingEntry> _entries = new(StringComparer.Ordinal);

    private ConfigSection(MappingNode? node, string path, ConfigDiagnostics diagnostics)
    {
        _node = node;
        Path = path;
        _diagnostics = diagnostics;
        if (node is null) return;
        foreach (var entry in node.Entries)
        {
            if (!_entries.TryAdd(entry.Key, entry))
                diagnostics.Error(Join(entry.Key), "duplicate key (it appears more than once in this mapping)", entry.Line, entry.Column);
        }
    }

    public string Path { get; }

    public ConfigDiagnostics Diagnostics => _diagnostics;

    /// <summary>A section over a node that should be a mapping; absent or null = empty (every key takes its default).</summary>
    public static ConfigSection Open(ConfigNode? node, string path, ConfigDiagnostics diagnostics)
    {
        switch (node)
        {
            case null or ScalarNode { Text: null }:
                return new ConfigSection(null, path, diagnostics);
            case MappingNode mapping:
                return new ConfigSection(mapping, path, diagnostics);
            default:
                diagnostics.Error(path, $"must be a mapping of keys to values (got {Describe(node)})", node);
                return new ConfigSection(null, path, diagnostics);
        }
    }

    public string Join(string key) => Path.Length == 0 ? key : Path + "." + key;

    /// <summary>Marks a key valid and returns its entry when present.</summary>
    public MappingEntry? Entry(string key)
    {
        _known.Add(key);
        return _entries.GetValueOrDefault(key);
    }

    public bool Has(string key) => Entry(key) is not null;

    public ConfigSection Child(string key) => Open(Entry(key)?.Value, Join(key), _diagnostics);

    public void Error(string key, string message) => _diagnostics.Error(Join(key), message, _entries.GetValueOrDefault(key)?.Value);

    public void Warning(string key, string message) => _diagnostics.Warning(Join(key), message, _entries.GetValueOrDefault(key)?.Value);

    public int Int(string key, int fallback, Bound bound) => NullableInt(key, fallback, bound, allowNull: false) ?? fallback;

    /// <summary>An integer or null; absent = <paramref name="fallback"/>.</summary>
    public int? NullableInt(string key, int? fallback, Bound bound, bool allowNull = true)
    {
        var s = Scalar(key, allowNull, "an integer");
        if (s.State != ReadState.Value) return s.State == ReadState.Null ? null : fallback;
        if (!long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(key, $"must be an integer (got {Describe(s.Node!)})");
            return fallback;
        }
        if (value is < int.MinValue or > int.MaxValue)
        {
            Error(key, $"is out of range for a 32-bit integer (got {s.Text})");
            return fallback;
        }
        if (!bound.Contains(value)) Error(key, $"{bound.Description} (got {s.Text})");
        return (int)value;
    }

    public double Number(string key, double fallback, Bound bound) => NullableNumber(key, fallback, bound, allowNull: false) ?? fallback;

    /// <summary>A finite number or null; absent = <paramref name="fallback"/>.</summary>
    public double? NullableNumber(string key, double? fallback, Bound bound, bool allowNull = true)
    {
        var s = Scalar(key, allowNull, "a number");
        if (s.State != ReadState.Value) return s.State == ReadState.Null ? null : fallback;
        if (!double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Error(key, $"must be a number (got {Describe(s.Node!)})");
            return fallback;
        }
        if (!bound.Contains(value)) Error(key, $"{bound.Description} (got {s.Text})");
        return value;
    }

    public bool Bool(string key, bool fallback) => NullableBool(key) ?? fallback;

    /// <summary>true/false, or null when absent.</summary>
    public bool? NullableBool(string key)
    {
        var s = Scalar(key, allowNull: false, "true or false");
        if (s.State != ReadState.Value) return null;
        switch (s.Text)
        {
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
            default:
                Error(key, $"must be true or false (got {Describe(s.Node!)})");
                return null;
        }
    }

    /// <summary>A non-empty string (any scalar's text); absent = <paramref name="fallback"/>; null allowed when <paramref name="allowNull"/>.</summary>
    public string? String(string key, string? fallback, bool allowNull)
    {
        var s = Scalar(key, allowNull, "a string");
        if (s.State != ReadState.Value) return s.State == ReadState.Null ? null : fallback;
        if (s.Text.Trim().Length == 0)
        {
            Error(key, "must not be empty");
            return fallback;
        }
        return s.Text;
    }

    /// <summary>One of a fixed set of names; absent = <paramref name="fallback"/>.</summary>
    public T Enum<T>(string key, T fallback, NameTable<T> names) where T : struct, Enum =>
        Choice(key, names.Names) is { } text && names.TryParse(text, out var value) ? value : fallback;

    /// <summary>One of <paramref name="allowed"/>, or null when absent or wrong (wrong is reported).</summary>
    public string? Choice(string key, IReadOnlyList<string> allowed, string? what = null)
    {
        var s = Scalar(key, allowNull: false, "a string");
        if (s.State != ReadState.Value) return null;
        if (allowed.Contains(s.Text)) return s.Text;
        Error(key, UnknownChoice(s.Text, allowed, what));
        return null;
    }

    public static string UnknownChoice(string text, IReadOnlyList<string> allowed, string? what = null)
    {
        var message = $"{(what is null ? "" : what + " ")}must be one of {string.Join(", ", allowed)} (got '{text}')";
        return NameSuggestion.Nearest(text, allowed) is { } near ? message + $"; did you mean '{near}'?" : message;
    }

    /// <summary>A list of non-empty strings; absent = null; items are reported by index (<c>key[2]</c>).</summary>
    public List<(string Text, ConfigNode Node, string Path)>? StringList(string key)
    {
        var entry = Entry(key);
        if (entry is null) return null;
        if (entry.Value is not SequenceNode seq)
        {
            _diagnostics.Error(Join(key), $"must be a list (got {Describe(entry.Value)})", entry.Value);
            return null;
        }
        var items = new List<(string, ConfigNode, string)>();
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var path = $"{Join(key)}[{i}]";
            if (seq.Items[i] is ScalarNode { Text: { } text } item && text.Trim().Length > 0)
                items.Add((text, item, path));
            else
                _diagnostics.Error(path, $"must be a non-empty string (got {Describe(seq.Items[i])})", seq.Items[i]);
        }
        return items;
    }

    /// <summary>Reports every key of this mapping that no read asked for.</summary>
    public void Finish()
    {
        if (_node is null) return;
        foreach (var entry in _node.Entries)
        {
            if (_known.Contains(entry.Key)) continue;
            var suggestion = NameSuggestion.Nearest(entry.Key, _known)
                             ?? (Hints.TryGetValue(entry.Key, out var hint) ? hint : null);
            var message = suggestion is null ? "unknown key" : $"unknown key; did you mean '{suggestion}'?";
            _diagnostics.Error(Join(entry.Key), $"{message} (allowed here: {string.Join(", ", _known.Distinct())})", entry.Line, entry.Column);
        }
    }

    public static string Describe(ConfigNode node) => node switch
    {
        MappingNode => "a mapping",
        SequenceNode => "a list",
        ScalarNode { Text: null } => "null",
        ScalarNode { Quoted: true } s => $"the string \"{s.Text}\"",
        ScalarNode s => s.Text!,
        _ => node.GetType().Name,
    };

    private enum ReadState { Absent, Null, Invalid, Value }

    private readonly record struct ScalarRead(ReadState State, string Text = "", ConfigNode? Node = null);

    /// <summary>
    /// The scalar at <paramref name="key"/>: absent, an allowed null, invalid (already reported) or a value.
    /// Quoted scalars are refused unless <paramref name="kind"/> is "a string", so "2e-4" in quotes is reported
    /// rather than silently read as a number.
    /// </summary>
    private ScalarRead Scalar(string key, bool allowNull, string kind)
    {
        var entry = Entry(key);
        if (entry is null) return new ScalarRead(ReadState.Absent);
        var node = entry.Value;
        switch (node)
        {
            case ScalarNode { Text: null } when allowNull:
                return new ScalarRead(ReadState.Null);
            case ScalarNode { Text: null }:
                Error(key, "must have a value (got null)");
                return new ScalarRead(ReadState.Invalid);
            case ScalarNode { Quoted: true } q when kind != "a string":
                Error(key, $"must be {kind}, without quotes (got {Describe(q)})");
                return new ScalarRead(ReadState.Invalid);
            case ScalarNode s:
                return new ScalarRead(ReadState.Value, s.Text!, s);
            default:
                Error(key, $"must be a single value (got {Describe(node)})");
                return new ScalarRead(ReadState.Invalid);
        }
    }
}
