namespace Surge.Cli.Http;

/// <summary>The part of a simulated instance's reply that names the instance that served the request.</summary>
/// <param name="Address">The instance's IP address, when the reply includes it.</param>
internal sealed record InstanceReply(string? InstanceId, string? Address);
