namespace Surge.ServiceDefaults.Problems;

/// <summary>Thrown when a requested resource does not exist; becomes a 404 problem details response.</summary>
public sealed class ResourceNotFoundException : Exception
{
    /// <summary>Creates the exception for the resource kind and id, such as "Subnet" and "feed".</summary>
    public ResourceNotFoundException(string resource, string id)
        : base($"{resource} '{id}' was not found.")
    {
    }

    /// <summary>Creates the exception with <paramref name="explanation"/>, a sentence on why it does not exist, after the usual text.</summary>
    public ResourceNotFoundException(string resource, string id, string explanation)
        : base($"{resource} '{id}' was not found. {explanation}")
    {
    }
}
