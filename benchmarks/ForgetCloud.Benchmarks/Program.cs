using System.Reflection;
using ForgetCloud.Benchmarks;
using ForgetCloud.Benchmarks.Model;

// As every compute process does (the CLI, the Trainer, the Evaluator); MALLOC_MMAP_MAX_ in the environment overrides it.
var allocator = ForgetCloud.Learning.Devices.TorchProcess.Configure();

// Peak-memory probes re-run this program in a fresh process (see ModelMemoryProbe).
if (args is [ModelMemoryProbe.Flag, .. var probeArgs]) return ModelMemoryProbe.Run(probeArgs);
if (args is [ForgetCloud.Benchmarks.Scale.ScaleProbe.Flag, .. var scaleArgs]) return ForgetCloud.Benchmarks.Scale.ScaleProbe.Run(scaleArgs);

// Usage: dotnet run -c Release --project benchmarks/ForgetCloud.Benchmarks -- [suite ...] [--quick] [--reps N] [--out FILE]
var suites = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

var names = new List<string>();
var quick = false;
var reps = 5;
string? output = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": quick = true; break;
        case "--reps" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0: reps = r; i++; break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case var a when a.StartsWith("--", StringComparison.Ordinal):
            Console.Error.WriteLine($"error: unknown or incomplete option '{a}'");
            return 1;
        default: names.Add(args[i]); break;
    }
}

var unknown = names.Where(n => suites.All(s => s.Name != n)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"error: unknown suite(s) {string.Join(", ", unknown)}; available: {string.Join(", ", suites.Select(s => s.Name))}");
    return 1;
}

var context = new BenchmarkContext(quick ? 2 : reps, quick ? 1 : 2, quick, Console.Error);
Console.Error.WriteLine($"ForgetCloud benchmarks on {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.Error.WriteLine($"CPU {ForgetCloud.Learning.Devices.CpuInfo.Current}; torch threads {TorchSharp.torch.get_num_threads()}; {allocator}");
var report = new System.Text.StringBuilder();
foreach (var suite in suites.Where(s => names.Count == 0 || names.Contains(s.Name)))
{
    Console.Error.WriteLine($"== {suite.Name}: {suite.Description}");
    foreach (var table in suite.Run(context))
    {
        Console.WriteLine(table);
        report.AppendLine(table.ToString());
    }
}

if (output is not null)
    File.WriteAllText(output, report.ToString());
return 0;
