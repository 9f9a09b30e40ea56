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
}
