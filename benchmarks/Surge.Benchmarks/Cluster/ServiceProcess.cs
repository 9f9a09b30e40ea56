using System.Diagnostics;

namespace Surge.Benchmarks.Cluster;

/// <summary>One Surge service running as its own process from its built output, its console output kept in a log file.</summary>
public sealed class ServiceProcess(string name, string assemblyPath, int port, IReadOnlyDictionary<string, string> environment, string logDirectory)
    : IAsyncDisposable
{
    private readonly string logPath = Path.Combine(logDirectory, $"{name}.log");
    private Process? process;
    private StreamWriter? log;

    /// <summary>The service's name, such as <c>capacity</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The base URL of its HTTP API.</summary>
    public string BaseUrl { get; } = $"http://127.0.0.1:{port}";

    /// <summary>The operating system id of the running process.</summary>
    public int ProcessId => process?.Id ?? throw new InvalidOperationException($"Service {Name} is not started.");

    /// <summary>Starts the process and waits until <c>/health/ready</c> returns 200.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [assemblyPath, "--urls", BaseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => WriteLine(line.Data);
        process.ErrorDataReceived += (_, line) => WriteLine(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitUntilReadyAsync(timeout);
    }

    /// <summary>Returns the last lines of the service's log, for error messages.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>Stops the process with SIGTERM, and kills it if it has not exited after 10 seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process?.Dispose();
        if (log is not null)
        {
            await log.DisposeAsync();
        }
    }

    private void WriteLine(string? line)
    {
        if (line is null || log is null)
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
