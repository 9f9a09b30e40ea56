namespace Surge.Cli;

/// <summary>The exit codes of surge-cli.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran but failed: the gateway rejected it, a service was unreachable, or the demo did not succeed.</summary>
    public const int Failure = 1;

    /// <summary>The command line is invalid: an unknown command or option, or a missing or malformed value.</summary>
    public const int Usage = 2;
}
