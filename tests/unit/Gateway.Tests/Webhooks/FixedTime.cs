namespace Surge.Gateway.Tests.Webhooks;

/// <summary>A clock that always returns the same time.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
