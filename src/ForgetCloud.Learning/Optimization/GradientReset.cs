using TorchSharp.Modules;

namespace ForgetCloud.Learning.Optimization;

internal static class GradientReset
{
    /// <summary>Sets gradients to none (torch's default) so a parameter left out of a backward pass is skipped, not decayed by a zero step.</summary>
    public static void SetToNone(IEnumerable<(string Name, Parameter Parameter)> parameters)
    {
        foreach (var (_, parameter) in parameters)
        {
            var grad = parameter.grad;
            if (grad is not null)
            {
                parameter.grad = null;
                grad.Dispose();
            }
        }
    }
}
