using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests;

// Guards build/TorchSharpNative.targets: libtorch must load from the build output on this host.
public class NativeLoadTests
{
    [Fact]
    public void LibTorchComputesFromTheBuildOutput()
    {
        using var a = tensor(new float[] { 1, 2, 3 });
        Assert.Equal(14f, a.dot(a).item<float>());
    }
}
