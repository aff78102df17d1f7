namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>One AppHost (and one set of servers) for every test that needs them.</summary>
[CollectionDefinition(Name)]
public sealed class LocalServersCollection : ICollectionFixture<LocalServersFixture>
{
    public const string Name = "Local servers";
}
