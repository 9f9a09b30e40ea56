namespace Surge.Benchmarks.Cluster;

/// <summary>Locates the repository the benchmark runs from.</summary>
public static class Repository
{
    /// <summary>The folder that holds <c>Surge.slnx</c>, searched upwards from the binary and then from the working directory.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Surge.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"No Surge.slnx above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; run surge-bench from the repository.");
    }
}
