using System.Collections.Concurrent;
using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace AiCtiPortal.Web.FunctionalTests.Infrastructure;

/// <summary>Keeps the links the portal would have mailed, so a test can follow them.</summary>
public sealed class CapturingEmailSender : IEmailSender<PortalUser>
{
    public ConcurrentQueue<(string Email, string Link)> ResetLinks { get; } = new();

    public Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink) => Task.CompletedTask;

    public Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink)
    {
        ResetLinks.Enqueue((email, resetLink));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode) => Task.CompletedTask;

    public string LinkFor(string email) =>
        ResetLinks.LastOrDefault(l => l.Email.Equals(email, StringComparison.OrdinalIgnoreCase)).Link
        ?? throw new InvalidOperationException($"No reset link was sent to {email}.");
}
