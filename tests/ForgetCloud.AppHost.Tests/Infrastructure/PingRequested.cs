namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>A message for the MassTransit round trip; MassTransit needs contracts in a namespace.</summary>
public sealed record PingRequested(Guid Id, string Text);
