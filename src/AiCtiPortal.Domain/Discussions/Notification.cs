namespace AiCtiPortal.Domain.Discussions;

/// <summary>An in-app message to one user about a report; unread while <see cref="ReadAt"/> is null.</summary>
public class Notification
{
    public const int MaxMessageLength = 500;

    public Guid Id { get; set; } = Guid.NewGuid();

    public string UserId { get; set; } = "";

    /// <summary>One of <see cref="NotificationKinds"/>, stored as text so new kinds need no migration.</summary>
    public string Kind { get; set; } = "";

    public Guid ReportId { get; set; }

    public string Message { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? ReadAt { get; set; }
}

public static class NotificationKinds
{
    public const string StatusChanged = "StatusChanged";
    public const string Commented = "Commented";

    /// <summary>To a published report's author: someone submitted a proposed change to it.</summary>
    public const string ProposalSubmitted = "ProposalSubmitted";

    /// <summary>To a published report's author: a proposed change was accepted and is now a new version.</summary>
    public const string ProposalAccepted = "ProposalAccepted";

    /// <summary>Builds a notification, cutting the message to the column's limit (report titles are user text).</summary>
    internal static Notification Create(string userId, string kind, Guid reportId, string message, DateTime now) => new()
    {
        UserId = userId,
        Kind = kind,
        ReportId = reportId,
        Message = message.Length <= Notification.MaxMessageLength ? message : message[..(Notification.MaxMessageLength - 1)] + "…",
        CreatedAt = now,
    };
}
