namespace Surge.Cli.Arguments;

/// <summary>An invalid command line; the message is already localized and names what to change.</summary>
internal sealed class UsageException(string message, string? command = null) : Exception(message)
{
    /// <summary>The command whose help the user should read, or null for the overview.</summary>
    public string? Command { get; } = command;
}
