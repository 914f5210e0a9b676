using System.Net;
using System.Net.Mail;
using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Web.Identity;

/// <summary>
/// Sends account mail through SMTP when Email:Smtp:Host is set. Without it, Development logs the link so a developer
/// can follow it; other environments log only that nothing was sent, since a reset link in a log is a credential.
/// </summary>
internal sealed class PortalEmailSender(
    IOptions<EmailOptions> options,
    IHostEnvironment environment,
    ILogger<PortalEmailSender> logger) : IEmailSender<PortalUser>
{
    public Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your AiCtiPortal account",
            $"Confirm your account by opening this link: {confirmationLink}", confirmationLink);

    public Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your AiCtiPortal password",
            $"Someone asked to reset the password of your AiCtiPortal account. If it was you, open this link: {resetLink}\n\n" +
            "If it was not you, ignore this message; your password is unchanged.", resetLink);

    public Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode) =>
        SendAsync(email, "Your AiCtiPortal password reset code", $"Your password reset code is {resetCode}.", resetCode);

    private async Task SendAsync(string to, string subject, string body, string secret)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            if (environment.IsDevelopment())
            {
                logger.LogInformation("Email not configured; mail to {To} \"{Subject}\" would carry: {Link}", to, subject, secret);
            }
            else
            {
                logger.LogWarning("Email:Smtp:Host is not configured; mail to {To} \"{Subject}\" was not sent.", to, subject);
            }

            return;
        }

        using var message = new MailMessage(new MailAddress(options.Value.From).Address, to, subject, body);
        message.From = new MailAddress(options.Value.From);
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        await client.SendMailAsync(message);
        logger.LogInformation("Sent \"{Subject}\" to {To} via {Host}.", subject, to, smtp.Host);
    }
}
