namespace AiCtiPortal.Web.FunctionalTests.Authorization;

/// <summary>Who asks: anonymous, or one of the demo accounts (each signed in once per test class).</summary>
public enum Audience
{
    Anonymous,
    Contributor,
    Reviewer,
    Curator,
    Consumer,
}

public static class Audiences
{
    public static IReadOnlyList<Audience> All { get; } = Enum.GetValues<Audience>();

    public static IReadOnlyList<Audience> SignedIn { get; } = All.Where(a => a != Audience.Anonymous).ToList();

    /// <summary>The demo account that stands for the audience (Development seed; password in PortalClient).</summary>
    public static string EmailOf(Audience audience) => audience switch
    {
        Audience.Contributor => "contributor@demo.aicti.local",
        Audience.Reviewer => "reviewer@demo.aicti.local",
        Audience.Curator => "curator@demo.aicti.local",
        Audience.Consumer => "consumer@demo.aicti.local",
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, "Anonymous has no account."),
    };
}
