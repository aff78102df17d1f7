using static TorchSharp.torch;

namespace ForgetCloud.Learning.Training;

/// <summary>
/// torch's default CPU generator, which dropout draws from. Data order needs no state (SplitMix64 per epoch);
/// this is the only random state a checkpoint must carry. It is process-wide: run one training per process.
/// </summary>
public static class TrainingRandom
{
    public static void Seed(long seed) => random.manual_seed(seed);

    public static byte[] Capture()
    {
        using var state = random.get_rng_state();
        return state.data<byte>().ToArray();
    }

    public static void Restore(byte[] state)
    {
        using var t = tensor(state, ScalarType.Byte);
        random.set_rng_state(t);
    }
}
