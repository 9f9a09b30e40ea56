namespace Surge.Gateway.Webhooks;

/// <summary>
/// The outcome of a source's authentication check: passed, or failed with a sentence for the 401 and the log, and the
/// field of the message or request that failed, when the check can name it.
/// </summary>
public readonly record struct SourceCheck(string? Failure, string? Field = null)
{
    /// <summary>The check passed.</summary>
    public static SourceCheck Passed => new(null);

    /// <summary>Whether the check passed.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>The check failed for <paramref name="reason"/>, which must not contain the credential.</summary>
    public static SourceCheck Failed(string reason, string? field = null) => new(reason, field);
}
