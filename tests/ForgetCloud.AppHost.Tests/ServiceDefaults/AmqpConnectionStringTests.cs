using ForgetCloud.ServiceDefaults.Messaging;

namespace ForgetCloud.AppHost.Tests.ServiceDefaults;

public sealed class AmqpConnectionStringTests
{
    [Fact]
    public void Parses_every_part_and_unescapes_user_password_and_virtual_host()
    {
        var parsed = AmqpConnectionString.Parse("amqp://trainer:p%40ss%3Aword@broker.example:5673/study%2Fone", "ConnectionStrings:messaging");

        Assert.Equal(new AmqpConnectionString("broker.example", 5673, "study/one", "trainer", "p@ss:word", UseTls: false), parsed);
    }

    [Theory]
    [InlineData("amqp://127.0.0.1", 5672, false)]
    [InlineData("amqps://broker.example/", 5671, true)]
    public void Defaults_port_by_scheme_and_user_to_guest_and_vhost_to_root(string value, int port, bool tls)
    {
        var parsed = AmqpConnectionString.Parse(value, "k");

        Assert.Equal((port, tls, "/", "guest", "guest"), (parsed.Port, parsed.UseTls, parsed.VirtualHost, parsed.Username, parsed.Password));
    }

    [Fact]
    public void Rejects_a_non_amqp_uri_naming_the_key_without_echoing_the_password()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AmqpConnectionString.Parse("http://admin:secret@host:15672/", "ConnectionStrings:messaging"));

        Assert.Contains("ConnectionStrings:messaging", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_hides_the_password()
    {
        var text = AmqpConnectionString.Parse("amqp://u:topsecret@h:1/", "k").ToString();

        Assert.Equal("amqp://u:***@h:1/%2F", text);
    }
}
