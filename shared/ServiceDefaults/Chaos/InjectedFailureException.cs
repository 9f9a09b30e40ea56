namespace Surge.ServiceDefaults.Chaos;

/// <summary>A failure injected by the chaos hooks; never thrown unless <see cref="ChaosOptions.FailHandlingOf"/> is set.</summary>
public sealed class InjectedFailureException(string message) : Exception(message);
