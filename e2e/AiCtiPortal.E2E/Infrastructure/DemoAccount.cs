namespace AiCtiPortal.E2E.Infrastructure;

/// <summary>The accounts the portal seeds in Development (README, "Demo accounts").</summary>
public sealed record DemoAccount(string Email, string Role)
{
    public const string Password = "Demo-Passw0rd!";

    public static readonly DemoAccount Curator = new("curator@demo.aicti.local", "Curator");
    public static readonly DemoAccount Reviewer = new("reviewer@demo.aicti.local", "Reviewer");

    /// <summary>A second reviewer, so the review loop can show that a different person decides each round.</summary>
    public static readonly DemoAccount Reviewer2 = new("reviewer2@demo.aicti.local", "Reviewer");
    public static readonly DemoAccount Contributor = new("contributor@demo.aicti.local", "Contributor");
    public static readonly DemoAccount Consumer = new("consumer@demo.aicti.local", "Consumer");

    public static DemoAccount ForRole(string role) =>
        new[] { Curator, Reviewer, Contributor, Consumer }.Single(a => a.Role == role);

    public override string ToString() => Email;
}
