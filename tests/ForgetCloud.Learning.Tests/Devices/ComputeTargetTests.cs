using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Devices;
using TorchSharp;

namespace ForgetCloud.Learning.Tests.Devices;

public sealed class ComputeTargetTests
{
    private static readonly CpuInfo Avx2Only = CpuInfo.Parse("processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx avx2 fma\n");
    private static readonly CpuInfo Zen4 = CpuInfo.Parse("processor : 0\nmodel name : AMD EPYC\nflags : avx2 fma avx512f avx512_bf16\n");
    private static readonly CpuInfo Sapphire = CpuInfo.Parse("model name : Intel(R) Xeon(R) Platinum 8480C\nflags : avx2 avx512f amx_tile amx_bf16\n");
    private static readonly GpuInfo H200 = new(0, "NVIDIA H200", 150_000_000_000, 9, 0);
    private static readonly GpuInfo T4 = new(0, "Tesla T4", 16_000_000_000, 7, 5);

    [Fact]
    public void Cpu_flags_are_parsed_from_proc_cpuinfo()
    {
        Assert.Equal("AMD EPYC", Avx2Only.ModelName);
        Assert.False(Avx2Only.HasNativeBf16);
        Assert.True(Zen4.HasNativeBf16);
        Assert.True(Sapphire.HasNativeBf16);
        Assert.Equal("AMD EPYC (avx2 fma)", Avx2Only.ToString());
        Assert.Equal(["avx2", "avx512f", "amx_tile", "amx_bf16"], Sapphire.RelevantFlags);
    }

    [Theory]
    [InlineData("avx2", Precision.Fp32)]
    [InlineData("zen4", Precision.Bf16)]
    [InlineData("amx", Precision.Bf16)]
    public void Auto_dtype_on_a_cpu_follows_its_bf16_instructions(string cpu, Precision expected)
    {
        var info = cpu switch { "avx2" => Avx2Only, "zen4" => Zen4, _ => Sapphire };
        var target = ComputeTarget.Resolve(DeviceSpec.Auto, Precision.Auto, cudaDevices: 0, info, _ => null);
        Assert.Equal(DeviceType.CPU, target.Device.type);
        Assert.Equal(expected, target.Dtype);
        Assert.Null(target.Warning);
    }

    [Fact]
    public void Explicit_bf16_on_a_cpu_without_it_runs_with_a_warning()
    {
        var target = ComputeTarget.Resolve(DeviceSpec.Cpu, Precision.Bf16, 0, Avx2Only, _ => null);
        Assert.Equal(Precision.Bf16, target.Dtype);
        Assert.Contains("without native bf16", target.Warning);
        Assert.Contains("20x slower than fp32", target.Warning);
    }

    [Fact]
    public void Auto_takes_the_first_gpu_and_bf16_from_compute_capability_8()
    {
        var h200 = ComputeTarget.Resolve(DeviceSpec.Auto, Precision.Auto, 1, Avx2Only, _ => H200);
        Assert.Equal((DeviceType.CUDA, 0L), (h200.Device.type, h200.Device.index));
        Assert.Equal(Precision.Bf16, h200.Dtype);
        Assert.Contains("NVIDIA H200", h200.DeviceDescription);
        Assert.Contains("compute capability 9.0", h200.DeviceDescription);

        var t4 = ComputeTarget.Resolve(DeviceSpec.Parse("cuda:1"), Precision.Auto, 2, Zen4, _ => T4);
        Assert.Equal(1L, t4.Device.index);
        Assert.Equal(Precision.Fp32, t4.Dtype);
    }

    [Fact]
    public void Cuda_where_there_is_none_fails_before_any_work()
    {
        var none = Assert.Throws<DeviceUnavailableException>(() => ComputeTarget.Resolve(DeviceSpec.Cuda, Precision.Auto, 0, Zen4, _ => null));
        Assert.Contains("device cuda: CUDA is not available here", none.Message);
        var beyond = Assert.Throws<DeviceUnavailableException>(() => ComputeTarget.Resolve(DeviceSpec.Parse("cuda:2"), Precision.Auto, 2, Zen4, _ => H200));
        Assert.Contains("has 2 CUDA device(s), numbered 0..1", beyond.Message);
    }

    [Fact]
    public void This_cpu_only_build_has_no_cuda()
    {
        Assert.Throws<DeviceUnavailableException>(() => ComputeTarget.Resolve(DeviceSpec.Cuda, Precision.Auto));
        Assert.Equal(DeviceType.CPU, ComputeTarget.Resolve(DeviceSpec.Auto, Precision.Auto).Device.type);
    }

    [Theory]
    [InlineData("auto", "auto")]
    [InlineData("cpu", "cpu")]
    [InlineData("cuda", "cuda")]
    [InlineData("cuda:3", "cuda:3")]
    public void Device_specs_round_trip(string text, string written) => Assert.Equal(written, DeviceSpec.Parse(text).ToString());

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("CUDA")]
    public void Bad_device_specs_are_rejected(string text) => Assert.False(DeviceSpec.TryParse(text, out _));
}
