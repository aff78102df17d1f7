using ForgetCloud.Learning.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Training;

/// <summary>
/// The random state of training: dropout, drawn from torch's default generator of the model's device. Every step seeds
/// it from (seed, stage, step), so a resumed stage draws what an uninterrupted one draws on any device, with no
/// generator state to checkpoint (TorchSharp cannot read a CUDA generator's state). Data order needs none either
/// (SplitMix64 per epoch). The generator is process-wide: run one training per process.
/// </summary>
public static class TrainingRandom
{
    /// <summary>The seed of one step's dropout masks: a SplitMix64 mix of the three, different for every triple.</summary>
    public static long StepSeed(long seed, int stage, long step) => Mix(Mix(seed, stage), step);

    /// <summary>A non-negative seed derived from <paramref name="seed"/> and <paramref name="value"/> (SplitMix64's mixer).</summary>
    public static long Mix(long seed, long value) => (long)(SplitMix64.Mix(SplitMix64.Mix((ulong)seed) ^ (ulong)value) >> 1);

    /// <summary>Seeds the CPU generator and, for a CUDA model, the CUDA generators.</summary>
    public static void Seed(long seed, Device device)
    {
        random.manual_seed(seed);
        if (device.type == DeviceType.CUDA) cuda.manual_seed_all(seed);
    }
}
