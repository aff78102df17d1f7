using System.Globalization;
using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Benchmarks.Model;

/// <summary>
/// Peak memory needs a process of its own: VmHWM never goes down, and memory freed by earlier measurements stays
/// mapped in the allocator. The suite re-runs this program with <see cref="Flag"/>; the child builds the tiny model,
/// runs one workload twice (the second training step has its optimizer state) and prints
/// "peak_bytes resident_after_setup_bytes".
/// </summary>
public static class ModelMemoryProbe
{
    public const string Flag = "--model-memory-probe";

    /// <summary>Child side: args are workload, dtype, batch, length.</summary>
    public static int Run(string[] args)
    {
        if (args is not [var workload, var dtypeName, var batchText, var lengthText])
        {
            Console.Error.WriteLine($"error: {Flag} expects: workload dtype batch length");
            return 1;
        }
        var dtype = ModelWorkloads.ParseDType(dtypeName);
        var batch = int.Parse(batchText, CultureInfo.InvariantCulture);
        var length = int.Parse(lengthText, CultureInfo.InvariantCulture);
        using var model = ModelFactory.Create(ModelPresets.Tiny, dtype);
        using var ids = ModelWorkloads.RandomIds(model.Config, batch, length);
        switch (workload)
        {
            case ModelWorkloads.Inference:
            {
                model.eval();
                var setup = Measure.ResidentBytes();
                for (var i = 0; i < 2; i++) ModelWorkloads.Forward(model, ids);
                Console.WriteLine($"{Measure.PeakResidentBytes()} {setup}");
                return 0;
            }
            case ModelWorkloads.Training:
            {
                using var optimizer = ModelWorkloads.FullAdamW(model);
                var setup = Measure.ResidentBytes();
                for (var i = 0; i < 2; i++) ModelWorkloads.TrainingStep(model, optimizer, ids);
                Console.WriteLine($"{Measure.PeakResidentBytes()} {setup}");
                return 0;
            }
            default:
                Console.Error.WriteLine($"error: unknown workload '{workload}' (inference, training)");
                return 1;
        }
    }

    /// <summary>Parent side: runs the probe in a fresh process and returns (peak, resident after setup) in bytes.</summary>
    public static (long Peak, long Setup) RunInChild(string workload, string dtype, int batch, int length)
    {
        var output = ChildProcess.Run(Flag, workload, dtype, batch.ToString(CultureInfo.InvariantCulture), length.ToString(CultureInfo.InvariantCulture));
        var fields = output.Trim().Split(' ');
        return (long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
