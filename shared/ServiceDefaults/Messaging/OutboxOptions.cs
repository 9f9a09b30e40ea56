using System.ComponentModel.DataAnnotations;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>Timing of the outbox relay, bound from the <c>Outbox</c> section.</summary>
public sealed class OutboxOptions
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

    /// <summary>The most messages the relay publishes per pass. Default 200.</summary>
    [Range(1, 10_000, ErrorMessage = "Outbox:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 200;
}
