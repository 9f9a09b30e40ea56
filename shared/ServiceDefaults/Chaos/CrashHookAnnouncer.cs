using Microsoft.Extensions.Hosting;

namespace Surge.ServiceDefaults.Chaos;

/// <summary>Logs at start whether the crash hook is armed.</summary>
public sealed class CrashHookAnnouncer(CrashHook hook) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        hook.WarnIfArmed();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
