namespace Surge.Cli.Output;

/// <summary>Where surge-cli writes: results to standard output, errors to standard error.</summary>
internal sealed class CliOutput(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public void Line(string text = "") => Output.WriteLine(text);

    public void ErrorLine(string text) => Error.WriteLine(text);

    /// <summary>Writes an aligned table with a header row, indented by two spaces.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        foreach (var line in TextTable.Format(headers, rows.ToList()))
        {
            Output.WriteLine("  " + line);
        }
    }
}
