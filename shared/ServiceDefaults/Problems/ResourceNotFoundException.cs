namespace Surge.ServiceDefaults.Problems;

/// <summary>Thrown when a requested resource does not exist; becomes a 404 problem details response.</summary>
public sealed class ResourceNotFoundException(string resource, string id)
    : Exception($"{resource} '{id}' was not found.");
