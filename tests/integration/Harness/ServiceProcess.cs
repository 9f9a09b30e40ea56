using System.Diagnostics;

namespace Surge.IntegrationTests.Harness;

/// <summary>One Surge service running as its own process, built output started with <c>dotnet</c>, its output kept in a log file.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string assemblyPath;
    private readonly IReadOnlyDictionary<string, string> environment;

    /// <summary>The built service assembly the process runs.</summary>
    public string AssemblyPath => assemblyPath;

    /// <summary>The environment the process starts with.</summary>
    public IReadOnlyDictionary<string, string> Environment => environment;
    private readonly string logPath;
    private Process? process;

    /// <summary>Describes the service; <see cref="StartAsync"/> runs it.</summary>
    public ServiceProcess(string name, string assemblyPath, int port, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        Name = name;
        this.assemblyPath = assemblyPath;
        this.environment = environment;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port}";
        logPath = Path.Combine(logDirectory, $"{name}.log");
    }

    /// <summary>The service's name, such as <c>capacity</c>.</summary>
    public string Name { get; }

    /// <summary>The port its HTTP API listens on.</summary>
    public int Port { get; }

    /// <summary>The base URL of its HTTP API.</summary>
    public string BaseUrl { get; }

    /// <summary>Whether the process has exited, for example because a chaos hook killed it.</summary>
    public bool HasExited => process is null || process.HasExited;

    /// <summary>Stops the process if it runs (SIGKILL), then starts it again with <paramref name="overrides"/> added to its environment.</summary>
    public async Task RestartAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? overrides = null)
    {
        Kill();
        process?.Dispose();
        await StartAsync(timeout, overrides);
    }

    /// <summary>Waits until the process exits; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process!.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var start = new ProcessStartInfo("dotnet", [assemblyPath, "--urls", BaseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        foreach (var (key, value) in environment.Concat(overrides ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => WriteLine(log, line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(log, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitUntilReadyAsync(timeout);
    }

    /// <summary>Asks the process to stop (SIGTERM), as an orchestrator does before it kills a container.</summary>
    public void Terminate()
    {
        if (process is { HasExited: false })
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    /// <summary>Kills the process at once, as a crash would (SIGKILL).</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Returns how many lines of the service's log contain <paramref name="text"/>.</summary>
    public int CountLogLines(string text)
    {
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>Returns the last lines of the service's log, for failure messages.</summary>
    public string LogTail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            // A graceful stop first (SIGTERM lets the host drain), then a kill if it does not stop in time.
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        // A replica is disposed by its test and again by the cluster; the second call finds nothing to stop.
        process?.Dispose();
        process = null;
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"Service {Name} exited with code {process.ExitCode} while starting. Log:\n{LogTail()}");
            }

            try
            {
                using var response = await client.GetAsync($"{BaseUrl}/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // The health check took longer than the client's timeout; ask again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Service {Name} was not ready within {timeout.TotalSeconds} s. Log:\n{LogTail()}");
    }
}
