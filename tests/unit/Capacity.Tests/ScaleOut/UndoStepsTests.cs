using Surge.Capacity.ScaleOut;
using static Surge.Capacity.Tests.ScaleOut.SagaScenario;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>Which steps a saga undoes depends on the status it fails or is cancelled in.</summary>
public sealed class UndoStepsTests
{
    public static TheoryData<string, object[], string[]> UndoTable() => new()
    {
        { "requested", [Requested], [] },
        { "allocating addresses", [Requested, Placed], ["addresses"] },
        { "starting instances", [Requested, Placed, Assigned], ["instances", "addresses"] },
        { "every instance ready, backends not yet requested", [Requested, Placed, Assigned, Ready(First), Ready(Second), Ready(Third)], ["instances", "addresses"] },
        { "registering backends", UpToRegistering(), ["backends", "instances", "addresses"] },
        { "compensating", [Requested, Placed, new ScaleOutFailed("addresses", "subnet full", RequestedAt, UndoDeadline)], [] },
        { "completed", [.. UpToRegistering(), new ScaleOutCompleted(3, RequestedAt)], [] },
        { "failed", [Requested, new ScaleOutFailed("placement", "no room", RequestedAt), new ScaleOutCompensated(RequestedAt)], [] },
        { "declined", [Requested, new ScaleOutDeclined("at maximum", RequestedAt)], [] },
    };

    [Theory]
    [MemberData(nameof(UndoTable))]
    public void UndoStepsFor_Status_ReturnsReverseOfStepsDone(string status, object[] history, string[] expected)
    {
        var state = Given(history);

        var undo = ScaleOutDecider.UndoStepsFor(state);

        Assert.True(expected.SequenceEqual(undo), $"{status}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", undo)}]");
    }
}
