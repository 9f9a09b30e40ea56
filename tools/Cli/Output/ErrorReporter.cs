using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Output;

/// <summary>Prints failures to standard error in the user's language.</summary>
internal static class ErrorReporter
{
    /// <summary>Prints an error response: the problem's title, detail and each field error, or the status and body.</summary>
    public static void Problem(CliOutput output, GatewayProblemException exception)
    {
        var problem = exception.Problem;
        output.ErrorLine(Text.Format(Strings.ErrorGatewayStatus, exception.Method, exception.Url, exception.Status));
        if (problem is null)
        {
            if (!string.IsNullOrWhiteSpace(exception.Body))
            {
                output.ErrorLine("  " + exception.Body);
            }

            return;
        }

        if (!string.IsNullOrWhiteSpace(problem.Title))
        {
            output.ErrorLine("  " + problem.Title);
        }

        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            output.ErrorLine("  " + problem.Detail);
        }

        foreach (var (field, messages) in problem.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                output.ErrorLine($"    {field}: {message}");
            }
        }
    }

    /// <summary>Prints that a service gave no HTTP response, and how to start the services.</summary>
    public static void Unreachable(CliOutput output, ServiceUnreachableException exception) =>
        output.ErrorLine(Text.Format(Strings.ErrorUnreachable, exception.Url, exception.Reason));
}
