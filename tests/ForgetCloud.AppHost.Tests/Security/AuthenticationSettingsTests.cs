using ForgetCloud.Api;
using ForgetCloud.Api.Security;
using Microsoft.Extensions.Configuration;

namespace ForgetCloud.AppHost.Tests.Security;

/// <summary>
/// The Api's authentication settings as configuration binds them (environment-variable keys, as Aspire and Container
/// Apps set them), and the refusal to start open where authentication is required.
/// </summary>
public sealed class AuthenticationSettingsTests
{
    private const string Section = "ForgetCloud:Api:Authentication";

    private static ApiSettings Bind(params (string Key, string? Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return configuration.GetSection(ApiSettings.SectionName).Get<ApiSettings>() ?? new ApiSettings();
    }

    [Fact]
    public void Nothing_configured_is_an_open_api_and_valid()
    {
        var settings = Bind();

        settings.Validate();
        Assert.False(settings.Authentication.IsEnabled);
        Assert.Equal(10, settings.SubmissionRateLimit.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.SubmissionRateLimit.Window);
    }

    [Fact]
    public void Required_without_a_key_or_jwt_refuses_to_start_open_and_says_how_to_fix_it()
    {
        var settings = Bind(($"{Section}:Required", "true"));

        var error = Assert.Throws<InvalidOperationException>(settings.Validate);
        Assert.Contains("refuses to start open", error.Message, StringComparison.Ordinal);
        Assert.Contains("api-key-hash", error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256sum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_with_an_empty_deployment_parameter_still_refuses()
    {
        // An unset secret parameter reaches the Api as an empty variable.
        var settings = Bind(($"{Section}:Required", "true"), ($"{Section}:ApiKeyHashes:0", ""));

        Assert.False(settings.Authentication.HasApiKeys);
        var error = Assert.Throws<InvalidOperationException>(settings.Validate);
        Assert.Contains("refuses to start open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_with_a_key_hash_or_a_jwt_authority_starts()
    {
        var withKey = Bind(($"{Section}:Required", "true"), ($"{Section}:ApiKeyHashes:0", TestKeys.KeyHash));
        var withJwt = Bind(($"{Section}:Required", "true"), ($"{Section}:Jwt:Authority", "https://login.microsoftonline.com/tenant/v2.0"),
            ($"{Section}:Jwt:Audience", "api://forgetcloud"));

        withKey.Validate();
        withJwt.Validate();
        Assert.Equal([TestKeys.KeyHash], withKey.Authentication.KeyHashes().Select(Convert.ToHexStringLower));
        Assert.True(withJwt.Authentication.HasJwt);
    }

    [Fact]
    public void A_plain_key_where_a_hash_belongs_is_refused_naming_the_entry()
    {
        var settings = Bind(($"{Section}:ApiKeyHashes:0", TestKeys.KeyHash), ($"{Section}:ApiKeyHashes:1", TestKeys.Key));

        var error = Assert.Throws<InvalidOperationException>(settings.Validate);
        Assert.Contains($"'{Section}:ApiKeyHashes:1' is not a SHA-256 hash", error.Message, StringComparison.Ordinal);
        Assert.Contains("never the key itself", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jwt_authority_needs_an_audience_and_an_audience_needs_an_authority()
    {
        var noAudience = Bind(($"{Section}:Jwt:Authority", "https://login.microsoftonline.com/tenant/v2.0"));
        var noAuthority = Bind(($"{Section}:Jwt:Audience", "api://forgetcloud"));
        var notAUrl = Bind(($"{Section}:Jwt:Authority", "login.microsoftonline.com"), ($"{Section}:Jwt:Audience", "api://forgetcloud"));

        Assert.Contains("Jwt:Audience' must be set", Assert.Throws<InvalidOperationException>(noAudience.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("Jwt:Authority' must be set", Assert.Throws<InvalidOperationException>(noAuthority.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("must be an absolute https URL", Assert.Throws<InvalidOperationException>(notAUrl.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var settings = Bind(($"{Section}:ApiKeyHashes:0", "not-a-hash"), ("ForgetCloud:Api:SubmissionRateLimit:PermitLimit", "0"),
            ("ForgetCloud:Api:SubmissionRateLimit:Window", "-00:00:01"));

        var lines = Assert.Throws<InvalidOperationException>(settings.Validate).Message.Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("SubmissionRateLimit:PermitLimit' must be at least 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("SubmissionRateLimit:Window' must be a positive TimeSpan", StringComparison.Ordinal));
    }

    [Fact]
    public void The_api_itself_refuses_to_start_open_when_authentication_is_required()
    {
        // Validation runs before any server is contacted: no Redis, broker or storage is needed to see the refusal.
        var error = Assert.Throws<InvalidOperationException>(() => ApiApplication.Create([$"--{Section}:Required=true"]));

        Assert.Contains("refuses to start open", error.Message, StringComparison.Ordinal);
    }
}
