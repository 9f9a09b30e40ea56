using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Alerts;

/// <summary>Checks the shape of a normalised notification before any alert in it is acted on.</summary>
public static class AlertNotificationValidator
{
    /// <summary>Throws a 400 naming each missing or invalid field.</summary>
    public static void Validate(AlertNotification? notification)
    {
        if (notification is null)
        {
            throw new RequestValidationException("body", "The body is empty. Send an alert notification as JSON.");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(notification.Source))
        {
            errors["source"] = ["source is missing. Name the alarm system, such as 'alertmanager'."];
        }

        if (notification.Alerts is null || notification.Alerts.Count == 0)
        {
            errors["alerts"] = ["alerts is empty. A notification must carry at least one alert."];
        }

        for (var i = 0; i < (notification.Alerts?.Count ?? 0); i++)
        {
            ValidateAlert(notification.Alerts![i], i, errors);
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The alert notification is invalid; nothing was stored.");
        }
    }

    private static void ValidateAlert(Alert alert, int index, Dictionary<string, string[]> errors)
    {
        var prefix = $"alerts[{index}]";
        if (alert is null)
        {
            errors[prefix] = ["The alert is null."];
            return;
        }

        if (alert.Status is not ("firing" or "resolved"))
        {
            errors[$"{prefix}.status"] = [$"status is '{alert.Status}'; it must be 'firing' or 'resolved'."];
        }

        if (string.IsNullOrWhiteSpace(alert.Fingerprint))
        {
            errors[$"{prefix}.fingerprint"] = ["fingerprint is missing."];
        }

        if (alert.Labels is null || alert.Labels.Count == 0)
        {
            errors[$"{prefix}.labels"] = ["labels is empty. An alert needs labels, at least alertname."];
        }

        if (alert.StartsAt == default)
        {
            errors[$"{prefix}.startsAt"] = ["startsAt is missing. Give the time the alert started firing."];
        }
    }
}
