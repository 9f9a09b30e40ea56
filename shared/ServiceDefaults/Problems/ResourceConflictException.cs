namespace Surge.ServiceDefaults.Problems;

/// <summary>Thrown when a request conflicts with the current state; becomes a 409 problem details response.</summary>
public sealed class ResourceConflictException(string message) : Exception(message);
