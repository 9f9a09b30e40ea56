using System.ComponentModel.DataAnnotations;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>How a service names its RabbitMQ entities, bound from the <c>Messaging</c> section.</summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Messaging";

    /// <summary>
    /// A prefix for every exchange and queue, so several Surge environments (the main one, the demo, a test run) can
    /// share one RabbitMQ virtual host without receiving each other's messages. Default empty.
    /// </summary>
    [RegularExpression("^[a-z0-9][a-z0-9.-]{0,31}$|^$", ErrorMessage = "Messaging:EntityPrefix may hold up to 32 lowercase letters, digits, '.' and '-', starting with a letter or digit.")]
    public string EntityPrefix { get; set; } = "";

    /// <summary>How many times a failing message is retried, with growing intervals, before it goes to the error queue. Default 5.</summary>
    [Range(0, 20, ErrorMessage = "Messaging:RetryLimit must be between 0 and 20.")]
    public int RetryLimit { get; set; } = 5;

    /// <summary>The first retry interval. Default 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Messaging:RetryMinInterval must be between 10 ms and 10 minutes.")]
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest retry interval. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Messaging:RetryMaxInterval must be between 10 ms and 10 minutes.")]
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a message whose handling failed because PostgreSQL could not be reached keeps being retried, at waits
    /// that double from 100 ms to 5 s, before it counts as failed. It lets a database restart or failover pass without
    /// failing the sagas in flight. Zero turns it off. Default 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Messaging:DatabaseOutageRetry must be between 0 and 10 minutes.")]
    public TimeSpan DatabaseOutageRetry { get; set; } = TimeSpan.FromMinutes(1);
}
