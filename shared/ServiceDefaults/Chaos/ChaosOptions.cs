namespace Surge.ServiceDefaults.Chaos;

/// <summary>
/// A fault-injection hook for rehearsing crashes, bound from the <c>Chaos</c> section and off unless set. The chaos
/// tests use it to kill a service at an exact point: right after it committed the handling of one message type, before
/// it handed the resulting messages to the broker.
/// </summary>
public sealed class ChaosOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Chaos";

    /// <summary>
    /// The name of a message type, such as <c>AllocateAddresses</c>, or <c>http</c> for work started by an HTTP request.
    /// The process kills itself (SIGKILL) right after the first commit of that handling. Empty (the default) disables the hook.
    /// </summary>
    public string CrashAfterCommitOf { get; set; } = "";

    /// <summary>
    /// The name of a message type whose every handling fails with an injected exception, to rehearse a poison message:
    /// the endpoint's bounded retries run out and the message moves to the error queue. Empty (the default) disables it.
    /// </summary>
    public string FailHandlingOf { get; set; } = "";
}
