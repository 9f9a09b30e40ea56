using System.Reflection;
using Marten;

namespace Surge.Ipam.Tests.TestSupport;

/// <summary>
/// An <see cref="IDocumentOperations"/> that only records the calls made on it, so a projection's document writes can
/// be checked without a database. Every method returns its type's default value.
/// </summary>
public class RecordingOperations : DispatchProxy
{
    public List<(string Method, object?[] Arguments)> Calls { get; } = [];

    public static (IDocumentOperations Operations, RecordingOperations Recorder) Create()
    {
        var operations = Create<IDocumentOperations, RecordingOperations>();
        return (operations, (RecordingOperations)(object)operations);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls.Add((targetMethod.Name, args ?? []));
        var returnType = targetMethod.ReturnType;
        return returnType.IsValueType && returnType != typeof(void) ? Activator.CreateInstance(returnType) : null;
    }
}
