namespace Surge.Capacity.ServiceCatalog;

/// <summary>A service was declared or its declaration changed.</summary>
public sealed record ServiceSpecified(string Name, ServiceSpec Spec);
