namespace ForgetCloud.Benchmarks;

/// <summary>One measurement suite; every implementation in this assembly is found and run by name.</summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line, e.g. <c>model</c>.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the suite and returns its tables (markdown rows), medians of repeated runs.</summary>
    IReadOnlyList<MarkdownTable> Run(BenchmarkContext context);
}
