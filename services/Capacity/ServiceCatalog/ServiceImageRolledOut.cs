namespace Surge.Capacity.ServiceCatalog;

/// <summary>A completed rollout moved the service's instances to <paramref name="Image"/>.</summary>
public sealed record ServiceImageRolledOut(string Name, string Image, Guid RolloutId, DateTimeOffset At);
