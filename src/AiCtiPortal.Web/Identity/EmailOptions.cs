namespace AiCtiPortal.Web.Identity;

/// <summary>Bound from "Email". With no SMTP host, mail is not sent (in Development the link is logged instead).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "AiCtiPortal <no-reply@aicti.local>";

    public SmtpSettings Smtp { get; set; } = new();

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        public bool EnableSsl { get; set; } = true;

        public string? UserName { get; set; }

        /// <summary>From user-secrets or the environment (Email__Smtp__Password), never from committed settings.</summary>
        public string? Password { get; set; }
    }
}
