namespace Surge.Cli;

/// <summary>A failure whose message is already localized and complete; surge-cli prints it and exits with 1.</summary>
internal sealed class CliFailureException(string message) : Exception(message);
