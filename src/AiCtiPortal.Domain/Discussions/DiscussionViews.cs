namespace AiCtiPortal.Domain.Discussions;

public sealed record CommentView(Guid Id, string AuthorId, string AuthorName, string Body, DateTime CreatedAt);

public sealed record NotificationView(Guid Id, string Kind, Guid ReportId, string Message, DateTime CreatedAt, DateTime? ReadAt);
