namespace Surge.Cli.Arguments;

/// <summary>A command line split into positional arguments and option values.</summary>
internal sealed class ParsedArguments(
    string command,
    IReadOnlyList<string> positionals,
    IReadOnlyDictionary<string, string> options,
    bool helpRequested)
{
    public string Command { get; } = command;

    public IReadOnlyList<string> Positionals { get; } = positionals;

    /// <summary>Whether <c>--help</c> or <c>-h</c> appeared; the other arguments are then not checked.</summary>
    public bool HelpRequested { get; } = helpRequested;

    /// <summary>The flags given, by long name without <c>--</c>.</summary>
    public IReadOnlySet<string> Flags { get; init; } = new HashSet<string>();

    /// <summary>Returns whether flag <paramref name="name"/> (long name without <c>--</c>) was given.</summary>
    public bool Flag(string name) => Flags.Contains(name);

    /// <summary>Returns the value of option <paramref name="name"/> (long name without <c>--</c>), or null when it is absent.</summary>
    public string? Option(string name) => options.TryGetValue(name, out var value) ? value : null;
}
