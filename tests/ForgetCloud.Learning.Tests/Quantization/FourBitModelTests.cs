using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Quantization;
using ForgetCloud.Learning.Tests.Modeling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Quantization;

public sealed class FourBitModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fourbit-").FullName;
    private static readonly FourBitSpec Nf4 = new(FourBitQuantType.Nf4, DoubleQuant: false, ScalarType.Float32);

    // Wide enough that every projection spans whole 64-value blocks as well as a partial one.
    private static LlamaConfig Config() => TinyModels.Config(layers: 2) with { HiddenSize = 16, IntermediateSize = 40, HeadDim = 8 };

    [Fact]
    public void AQuantizedProjectionComputesWithItsDequantizedWeightAndHasNoWeightParameter()
    {
        using var linear = new LlamaLinear(16, 40, hasBias: false, ScalarType.Float32);
        using (no_grad()) linear.Weight.copy_(randn([40, 16], generator: new Generator(1)));
        using var expectedWeight = FourBitWeight.Quantize(linear.Weight, Nf4);
        using var dequantized = expectedWeight.Dequantize(ScalarType.Float32);

        linear.QuantizeTo4Bit(Nf4);
        using var x = randn([3, 16], generator: new Generator(2));
        using var expected = nn.functional.linear(x, dequantized);

        Assert.Equal(TinyModels.Values(expected), TinyModels.Values(linear.forward(x)));
        Assert.DoesNotContain(linear.named_parameters(), p => p.name == "weight");
        Assert.Throws<InvalidOperationException>(() => linear.Weight);
        Assert.Throws<InvalidOperationException>(() => linear.QuantizeTo4Bit(Nf4));
    }

    [Fact]
    public void LoadingIn4BitQuantizesEachProjectionStraightFromTheCheckpoint()
    {
        using (var model = TinyModels.Create(Config())) LlamaCheckpoint.Save(model, _dir);
        using var quantizedOnLoad = LlamaCheckpoint.Load(_dir, fourBit: Nf4);
        using var quantizedAfter = LlamaCheckpoint.Load(_dir);
        foreach (var (_, _, linear) in quantizedAfter.Projections()) linear.QuantizeTo4Bit(Nf4);
        using var full = LlamaCheckpoint.Load(_dir);
        using var ids = TinyModels.Ids(1, 2, 3, 4, 5, 6);

        Assert.Equal(TinyModels.Values(quantizedAfter.Forward(ids)), TinyModels.Values(quantizedOnLoad.Forward(ids)));
        Assert.All(quantizedOnLoad.Projections(), p => Assert.NotNull(p.Linear.FourBit));
        // Only embeddings, norms and the head stay parameters.
        Assert.All(quantizedOnLoad.named_parameters(), p => Assert.DoesNotContain("_proj", p.name, StringComparison.Ordinal));
        var difference = (full.Forward(ids) - quantizedOnLoad.Forward(ids)).abs().max().item<float>();
        Assert.True(difference > 0, "4-bit weights should change the logits");
        Assert.Throws<InvalidOperationException>(() => LlamaCheckpoint.Save(quantizedOnLoad, Path.Combine(_dir, "again")));
    }

    [Fact]
    public void LoraTrainsOnTopOfA4BitBaseAndMergingRequantizes()
    {
        using var model = TinyModels.Create(Config());
        foreach (var (_, _, linear) in model.Projections()) linear.QuantizeTo4Bit(Nf4);
        LoraAdapters.Apply(model, new LoraConfig { Rank = 2, Alpha = 4, Dropout = 0, TargetModules = ["q_proj", "down_proj"], BaseModelNameOrPath = "tiny" }, seed: 3);
        var q = model.Projections().First(p => p.Kind == "q_proj").Linear;
        using (no_grad()) q.Lora!.B.Weight.copy_(randn(q.Lora.B.Weight.shape, generator: new Generator(4)) * 0.1);

        using var ids = TinyModels.Ids(1, 2, 3, 4);
        using var logits = model.Forward(ids);
        logits.sum().backward();
        Assert.NotNull(q.Lora.A.Weight.grad);
        Assert.True(q.Lora.A.Weight.grad!.abs().sum().item<float>() > 0);

        // Merging adds scale * B A to the dequantized weight and quantizes the sum again.
        using var before = q.FourBit!.Dequantize(ScalarType.Float32);
        using var delta = q.Lora.B.Weight.detach().matmul(q.Lora.A.Weight.detach()) * q.Lora.Scale;
        using var expected = FourBitWeight.Quantize(before + delta, Nf4);
        using var expectedWeight = expected.Dequantize(ScalarType.Float32);
        LoraAdapters.MergeAndUnload(model);
        Assert.Equal(TinyModels.Values(expectedWeight), TinyModels.Values(q.FourBit!.Dequantize(ScalarType.Float32)));
        Assert.Null(q.Lora);
    }

    [Fact]
    public void AnAdapterMergedIntoA4BitBaseCannotBeUnmerged()
    {
        using var linear = new LlamaLinear(16, 16, hasBias: false, ScalarType.Float32);
        using (no_grad()) linear.Weight.copy_(randn([16, 16], generator: new Generator(1)));
        linear.QuantizeTo4Bit(Nf4);
        linear.AttachLora(new Parameter(randn([2, 16])), new Parameter(randn([16, 2])), scale: 1, dropout: 0);
        linear.MergeLora();
        Assert.Throws<InvalidOperationException>(linear.UnmergeLora);
    }

    [Fact]
    public void ComputeDtypeBf16DequantizesToBf16AndReturnsTheInputDtype()
    {
        using var linear = new LlamaLinear(16, 40, hasBias: false, ScalarType.Float32);
        using (no_grad()) linear.Weight.copy_(randn([40, 16], generator: new Generator(1)));
        linear.QuantizeTo4Bit(Nf4 with { ComputeType = ScalarType.BFloat16 });
        using var x = randn([3, 16], generator: new Generator(2));
        using var y = linear.forward(x);
        using var expected = nn.functional.linear(x.to_type(ScalarType.BFloat16), linear.FourBit!.Dequantize(ScalarType.BFloat16)).to_type(ScalarType.Float32);
        Assert.Equal(ScalarType.Float32, y.dtype);
        Assert.Equal(TinyModels.Values(expected), TinyModels.Values(y));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
