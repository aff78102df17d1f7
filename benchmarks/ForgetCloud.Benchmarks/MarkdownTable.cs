using System.Text;

namespace ForgetCloud.Benchmarks;

/// <summary>A titled table rendered as GitHub markdown, the form the docs quote.</summary>
public sealed class MarkdownTable(string title, params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public string Title { get; } = title;

    public void Add(params object[] cells)
    {
        if (cells.Length != columns.Length)
            throw new ArgumentException($"table '{Title}' has {columns.Length} columns, got {cells.Length} cells");
        _rows.Add(cells.Select(c => c switch
        {
            double d => d.ToString(Math.Abs(d) >= 100 ? "F0" : "G3", System.Globalization.CultureInfo.InvariantCulture),
            _ => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        }).ToArray());
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"### {Title}").AppendLine();
        text.AppendLine("| " + string.Join(" | ", columns) + " |");
        text.AppendLine("|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var row in _rows)
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        return text.ToString();
    }
}
