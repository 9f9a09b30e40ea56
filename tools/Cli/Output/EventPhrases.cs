using System.Globalization;
using Surge.Cli.Resources;

namespace Surge.Cli.Output;

/// <summary>Turns event type names into short localized phrases, such as <c>AddressesAssigned</c> into "addresses assigned".</summary>
internal static class EventPhrases
{
    /// <summary>The prefix of the resource keys that hold the phrases: <c>Event</c> + the type name.</summary>
    public const string KeyPrefix = "Event";

    /// <summary>The event types that have a phrase; any other type is printed as it is.</summary>
    public static readonly IReadOnlyList<string> KnownTypes =
    [
        "ScaleOutRequested", "InstancesPlaced", "AddressesAssigned", "InstanceReady", "InstanceFailed", "BackendsAdded",
        "ScaleOutCompleted", "ScaleOutFailed", "ScaleOutDeclined", "PlacementFailed", "AddressAssignmentFailed",
        "BackendRegistrationFailed", "AddressAllocated", "AddressReleased", "InstanceRequested", "InstanceStarted",
        "InstanceStopped", "BackendAdded", "BackendRemoved", "NodeResourcesReserved", "ReservationCommitted",
        "ReservationReleased", "BackendsRequested", "StepTimedOut", "ScaleOutCancelled", "CompensationStepCompleted",
        "CompensationStepAbandoned", "ScaleOutCompensated", "LateInstanceReported", "BackendDraining",
        "LateAddressesReported", "LateBackendsReported",
    ];

    /// <summary>Returns the phrase for <paramref name="type"/> in the current UI culture, or the type itself when it has none.</summary>
    public static string Describe(string type) =>
        Strings.ResourceManager.GetString(KeyPrefix + type, CultureInfo.CurrentUICulture) ?? type;
}
