using Surge.Provisioner.Providers;

namespace Surge.Provisioner.Updating;

/// <summary>One in-place update to run: the instance with its new image, and the endpoint it serves at now.</summary>
public sealed record InstanceUpdate(InstanceLaunch Launch, string Endpoint);
