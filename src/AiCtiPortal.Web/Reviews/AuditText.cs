using System.Text.Json;
using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Web.Reviews;

/// <summary>An audit entry's status change as a short phrase ("Draft → InReview").</summary>
public static class AuditText
{
    public static string Transition(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var before = StatusOf(entry.BeforeJson);
        var after = StatusOf(entry.AfterJson);
        return (before, after) switch
        {
            (null, null) => "",
            (null, { } created) => $"created as {created}",
            ({ } from, { } to) when from == to => $"stays {to}",
            var (from, to) => $"{from} → {to}",
        };
    }

    private static string? StatusOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null;
    }
}
