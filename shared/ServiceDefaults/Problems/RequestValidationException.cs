namespace Surge.ServiceDefaults.Problems;

/// <summary>Thrown when a request is invalid; becomes a 400 problem details response that lists each field and its fix.</summary>
public sealed class RequestValidationException : Exception
{
    /// <summary>Creates the exception from field errors, keyed by the JSON path of the field.</summary>
    public RequestValidationException(IDictionary<string, string[]> errors, string? detail = null)
        : base(detail ?? "The request is invalid.")
    {
        Errors = new Dictionary<string, string[]>(errors);
    }

    /// <summary>Creates the exception for one field.</summary>
    public RequestValidationException(string field, string error)
        : this(new Dictionary<string, string[]> { [field] = [error] }, error)
    {
    }

    /// <summary>The errors, keyed by the JSON path of the field.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
