using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Tests.Data;

/// <summary>One id per UTF-16 char (char + 3); ids 0-2 are PAD, BOS, EOS. Lengths equal text lengths, so tests can count.</summary>
internal sealed class CharTokenizer(bool withBos = true) : ITextTokenizer
{
    public const int Pad = 0, Bos = 1, Eos = 2, Offset = 3;

    public int VocabSize => char.MaxValue + 1 + Offset;

    public int? BosTokenId => withBos ? Bos : null;

    public int EosTokenId => Eos;

    public int PadTokenId => Pad;

    public IReadOnlyList<int> Encode(string text, bool addBos = false)
    {
        var ids = text.Select(c => c + Offset);
        return addBos && withBos ? [Bos, .. ids] : [.. ids];
    }

    public string Decode(IEnumerable<int> ids) =>
        new([.. ids.Where(i => i >= Offset).Select(i => (char)(i - Offset))]);
}
