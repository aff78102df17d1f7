using ForgetCloud.Learning.Devices;

namespace ForgetCloud.Learning.Tests.Devices;

public sealed class AllocatorPolicyTests
{
    private const long GiB = 1L << 30;

    [Theory]
    // Llama-3.2-1B: 1,235,814,400 weights; fp32 4.6 GiB x 4 = 18.4 GiB, bf16 2.3 GiB x 4 = 9.2 GiB.
    [InlineData(1_235_814_400L * 4, 24 * GiB, false)]  // the 24 GiB EPYC: 18.4 > 12
    [InlineData(1_235_814_400L * 2, 24 * GiB, true)]   // bf16 there: 9.2 <= 12
    [InlineData(1_235_814_400L * 4, 64 * GiB, true)]   // fp32 on a 64 GiB machine: 18.4 <= 32
    [InlineData(30_000_000L * 4, 4 * GiB, true)]       // the tiny preset anywhere
    [InlineData(GiB, 8 * GiB, true)]                   // exactly half: 4 GiB <= 4 GiB
    [InlineData(GiB + 1, 8 * GiB, false)]
    public void The_heap_is_kept_while_four_times_the_weights_fit_in_half_the_memory(long weightBytes, long memoryBytes, bool keeps)
    {
        Assert.Equal(keeps, TorchProcess.KeepsHeap(weightBytes, memoryBytes));
    }
}
