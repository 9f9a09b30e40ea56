using System.ComponentModel.DataAnnotations;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>Timing of the outbox hand-off and relay, bound from the <c>Outbox</c> section.</summary>
public sealed class OutboxOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Outbox";

    /// <summary>How often the relay looks for messages that were committed but not handed to the broker. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "Outbox:RelayInterval must be between 50 ms and 10 minutes.")]
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How old an unsent message must be before the relay publishes it. Younger messages belong to the handler that
    /// committed them and is handing them off right now. Default 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Outbox:HandOffGrace must be between 0 and 10 minutes.")]
    public TimeSpan HandOffGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a handler that just committed waits for the broker to take its messages before it leaves them to the
    /// relay. A publish waits while the broker is down or blocks publishers. Without this limit the request or message
    /// that committed would wait as long, and keep its locks. It must be shorter than <see cref="HandOffGrace"/>, so the
    /// relay does not publish a message the handler is still handing off, and at most 10 seconds, well inside the
    /// gateway's 30-second wait for a service. Default 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10", ErrorMessage = "Outbox:HandOffTimeout must be between 10 ms and 10 seconds.")]
    public TimeSpan HandOffTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most messages the relay publishes per pass. Default 200.</summary>
    [Range(1, 10_000, ErrorMessage = "Outbox:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 200;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HandOffTimeout >= HandOffGrace)
        {
            yield return new ValidationResult(
                $"Outbox:HandOffTimeout ({HandOffTimeout}) must be shorter than Outbox:HandOffGrace ({HandOffGrace}), or the relay publishes messages a handler is still handing off. Lower the timeout or raise the grace.",
                [nameof(HandOffTimeout), nameof(HandOffGrace)]);
        }
    }
}
