namespace Surge.Cli.Arguments;

/// <summary>The shape of one command's command line.</summary>
/// <param name="Name">The command's name, as typed after <c>surge-cli</c>.</param>
/// <param name="ValueOptions">The long names (without <c>--</c>) of the options that take a value.</param>
/// <param name="ShortAliases">Single-letter aliases, such as <c>f</c> for <c>file</c>.</param>
/// <param name="PositionalNames">The names of the required positional arguments, in order.</param>
internal sealed record CommandSpec(
    string Name,
    IReadOnlyList<string> ValueOptions,
    IReadOnlyDictionary<string, string> ShortAliases,
    IReadOnlyList<string> PositionalNames)
{
    /// <summary>The names of the positional arguments that may follow the required ones, in order.</summary>
    public IReadOnlyList<string> OptionalPositionalNames { get; init; } = [];

    /// <summary>The long names (without <c>--</c>) of the options that take no value, such as <c>json</c>.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
}
