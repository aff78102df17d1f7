using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Learning.Tests.Modeling;

public class LlamaConfigTests
{
    private const string Llama32 = """
        {"architectures":["LlamaForCausalLM"],"model_type":"llama","vocab_size":128256,"hidden_size":2048,
         "intermediate_size":8192,"num_hidden_layers":16,"num_attention_heads":32,"num_key_value_heads":8,"head_dim":64,
         "rms_norm_eps":1e-05,"rope_theta":500000.0,"max_position_embeddings":131072,"attention_bias":false,"mlp_bias":false,
         "rope_scaling":{"factor":32.0,"high_freq_factor":4.0,"low_freq_factor":1.0,"original_max_position_embeddings":8192,"rope_type":"llama3"},
         "tie_word_embeddings":true,"bos_token_id":128000,"eos_token_id":[128001,128008,128009],"torch_dtype":"bfloat16"}
        """;

    [Fact]
    public void ParsesALlama32ConfigAndWritesItBack()
    {
        var c = LlamaConfig.Parse(Llama32);
        Assert.Equal(64, c.HeadDim);
        Assert.Equal(8, c.NumKeyValueHeads);
        Assert.Equal(new RopeScaling("llama3", 32, 1, 4, 8192), c.RopeScaling);
        Assert.Equal([128001, 128008, 128009], c.EosTokenIds);
        Assert.True(c.TieWordEmbeddings);
        var again = LlamaConfig.Parse(c.ToJson());
        Assert.Equal(c with { EosTokenIds = [] }, again with { EosTokenIds = [] });
        Assert.Equal(c.EosTokenIds, again.EosTokenIds);
    }

    [Fact]
    public void ReadsTransformersV5RopeParametersLikeTheOldKeys()
    {
        // transformers v5 moves rope_theta and the scaling keys into one rope_parameters object.
        var v5 = Llama32
            .Replace("\"rope_theta\":500000.0,", "")
            .Replace("\"rope_scaling\":{", "\"rope_parameters\":{\"rope_theta\":500000.0,");
        Assert.DoesNotContain("rope_scaling", v5);
        var old = LlamaConfig.Parse(Llama32);
        var parsed = LlamaConfig.Parse(v5);
        Assert.Equal(old with { EosTokenIds = [] }, parsed with { EosTokenIds = [] }); // records compare lists by reference
        Assert.Equal(old.EosTokenIds, parsed.EosTokenIds);

        var plain = LlamaConfig.Parse(Small("\"rope_parameters\":{\"rope_type\":\"default\",\"rope_theta\":250000.0}"));
        Assert.Equal(250000.0, plain.RopeTheta);
        Assert.Null(plain.RopeScaling);
        Assert.Equal(10000.0, LlamaConfig.Parse(Small("\"rope_parameters\":{\"rope_type\":\"default\"}")).RopeTheta);
    }

    [Theory]
    [InlineData("\"rope_parameters\":{\"rope_type\":\"default\",\"rope_theta\":1e4,\"partial_rotary_factor\":0.5}", "rope_parameters.partial_rotary_factor is not a RoPE setting")]
    [InlineData("\"rope_parameters\":{\"rope_type\":\"default\",\"factor\":8.0}", "rope_parameters.factor is not a RoPE setting")]
    [InlineData("\"rope_scaling\":{\"rope_type\":\"llama3\",\"factor\":8,\"low_freq_factor\":1,\"high_freq_factor\":4,\"original_max_position_embeddings\":8192,\"beta_fast\":32}", "rope_scaling.beta_fast is not a RoPE setting")]
    [InlineData("\"rope_parameters\":{\"rope_type\":\"linear\",\"factor\":2}", "rope_parameters.rope_type 'linear' is not supported")]
    [InlineData("\"rope_theta\":1e4,\"rope_parameters\":{\"rope_type\":\"default\",\"rope_theta\":5e5}", "disagrees with rope_theta")]
    [InlineData("\"rope_scaling\":null,\"rope_parameters\":{\"rope_type\":\"default\"},\"rope_theta\":1e4", "")]
    [InlineData("\"rope_scaling\":{\"rope_type\":\"default\"},\"rope_parameters\":{\"rope_type\":\"default\"}", "both rope_parameters and rope_scaling")]
    public void UnknownOrConflictingRopeKeysAreErrors(string field, string message)
    {
        if (message.Length == 0)
        {
            // A null rope_scaling next to rope_parameters is absent, not a conflict.
            Assert.Equal(10000.0, LlamaConfig.Parse(Small(field)).RopeTheta);
            return;
        }

        var e = Assert.Throws<InvalidDataException>(() => LlamaConfig.Parse(Small(field)));
        Assert.Contains(message, e.Message);
    }

    private static string Small(string field) =>
        $$"""{"vocab_size":10,"hidden_size":8,"intermediate_size":4,"num_hidden_layers":1,"num_attention_heads":2,{{field}}}""";

    [Fact]
    public void HeadDimDefaultsToHiddenOverHeadsAndEosMayBeAnInt()
    {
        var c = LlamaConfig.Parse("""{"vocab_size":10,"hidden_size":8,"intermediate_size":4,"num_hidden_layers":1,"num_attention_heads":2,"eos_token_id":3}""");
        Assert.Equal(4, c.HeadDim);
        Assert.Equal(2, c.NumKeyValueHeads);
        Assert.Equal([3], c.EosTokenIds);
        Assert.Null(c.RopeScaling);
    }

    [Theory]
    [InlineData("\"num_key_value_heads\":3", "must divide num_attention_heads")]
    [InlineData("\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":2}", "'yarn' is not supported")]
    [InlineData("\"model_type\":\"mistral\"", "model_type 'mistral'")]
    [InlineData("\"eos_token_id\":99", "outside the vocabulary")]
    [InlineData("\"hidden_act\":\"gelu\"", "hidden_act 'gelu'")]
    [InlineData("\"hidden_size\":\"big\"", "'hidden_size' must be an integer")]
    public void InvalidConfigsNameTheProblem(string field, string message)
    {
        var json = $$"""{"vocab_size":10,"hidden_size":8,"intermediate_size":4,"num_hidden_layers":1,"num_attention_heads":2,{{field}}}""";
        // A later duplicate key would be rejected by the parser, so drop the default when the field overrides it.
        if (field.StartsWith("\"hidden_size\"", StringComparison.Ordinal)) json = json.Replace("\"hidden_size\":8,", "");
        var e = Assert.Throws<InvalidDataException>(() => LlamaConfig.Parse(json));
        Assert.Contains(message, e.Message);
    }
}
