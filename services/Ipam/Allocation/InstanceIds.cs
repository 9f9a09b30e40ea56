using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Allocation;

/// <summary>Reads instance ids from paths and query strings, with an error that names the parameter.</summary>
public static class InstanceIds
{
    /// <summary>Returns the id, or throws <see cref="RequestValidationException"/> naming <paramref name="field"/> when it is not a UUID.</summary>
    public static Guid Parse(string field, string text) =>
        Guid.TryParse(text, out var id) && id != Guid.Empty
            ? id
            : throw new RequestValidationException(field, $"'{text}' is not an instance id; give the instance's UUID, for example 3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41.");
}
