namespace ForgetCloud.Contracts.Api;

/// <summary>How a client presents an API key: <c>Authorization: Bearer &lt;key&gt;</c> (what <see cref="ApiKeyHandler"/> sends) or this header.</summary>
public static class ApiKeys
{
    /// <summary>The header that carries a bare API key.</summary>
    public const string HeaderName = "X-Api-Key";
}
