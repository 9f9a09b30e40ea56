namespace Surge.ServiceDefaults.Correlation;

/// <summary>Names for the correlation id as it travels over HTTP.</summary>
public static class CorrelationContext
{
    /// <summary>The HTTP header that carries the correlation id between the gateway and the services.</summary>
    public const string HeaderName = "X-Correlation-Id";

    /// <summary>The key under which the current request's correlation id is kept in <c>HttpContext.Items</c>.</summary>
    public const string ItemKey = "Surge.CorrelationId";

    /// <summary>The longest correlation id accepted from a caller; longer ones are replaced.</summary>
    public const int MaxLength = 128;

    /// <summary>Creates a new correlation id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Returns whether a caller-supplied id is safe to keep: short and made only of letters, digits, '-', '_', '.' and ':'.</summary>
    public static bool IsAcceptable(string? candidate) =>
        !string.IsNullOrEmpty(candidate)
        && candidate.Length <= MaxLength
        && candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
