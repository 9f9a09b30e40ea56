namespace Surge.Benchmarks;

/// <summary>The shell every benchmark command shares: parse the options, print the usage, run, print and save the report.</summary>
public static class BenchmarkCommand
{
    /// <summary>
    /// Parses <paramref name="args"/> with <paramref name="parse"/>, which throws <see cref="ArgumentException"/> for bad
    /// input, then runs <paramref name="run"/> and prints its Markdown report, also to <paramref name="outputPath"/> when
    /// that gives a file. Returns 2 for bad options, 0 otherwise.
    /// </summary>
    public static async Task<int> ExecuteAsync<TSettings>(
        IReadOnlyList<string> args,
        Func<IReadOnlyList<string>, TSettings> parse,
        string usage,
        Func<TSettings, string?> outputPath,
        Func<TSettings, Task<string>> run)
    {
        TSettings settings;
        try
        {
            settings = parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(usage);
            return 2;
        }

        if (args.Contains("--help"))
        {
            Console.WriteLine(usage);
            return 0;
        }

        var report = await run(settings);
        Console.WriteLine(report);
        if (outputPath(settings) is { } path)
        {
            await File.WriteAllTextAsync(path, report);
        }

        return 0;
    }
}
