using System.Globalization;
using Surge.Cli.Output;

namespace Surge.Cli.Tests;

/// <summary>Runs surge-cli in the test process against a recording HTTP handler, and renders printers in one language.</summary>
internal static class CliRun
{
    /// <summary>Runs the command line with <c>--lang en</c> appended and returns the exit code and both outputs.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(HttpMessageHandler handler, params string[] commandLine) =>
        RunWithClockAsync(handler, TimeProvider.System, commandLine);

    /// <summary>Runs the command line like <see cref="RunAsync"/>, with <paramref name="time"/> as the clock.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithClockAsync(
        HttpMessageHandler handler, TimeProvider time, params string[] commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var http = new HttpClient(handler);
        var context = new CliContext(new CliOutput(output, error), _ => null, time, http, http);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            var exitCode = await CliApplication.RunAsync([.. commandLine, "--lang", "en"], context, CancellationToken.None);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Returns what <paramref name="print"/> writes in <paramref name="language"/>, with <c>\n</c> line ends.</summary>
    public static string Render(string language, Action<CliOutput> print)
    {
        var output = new StringWriter { NewLine = "\n" };
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            print(new CliOutput(output, new StringWriter()));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        return output.ToString();
    }

    /// <summary>Returns the content of a file under <c>Data/</c>.</summary>
    public static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", name));
}
