namespace Surge.Rollout;

/// <summary>
/// The first log event id of each part of the Rollout service. The service owns ids 6000-6999, and each part numbers
/// its messages upwards from its base.
/// </summary>
internal static class LogEventIds
{
    public const int ReplyConsumer = 6000;
    public const int Prober = 6020;
    public const int DeadlineScanner = 6040;
    public const int FaultConsumer = 6060;
}
