using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Data.Seeding;

/// <summary>A demo account; its email is also its user name.</summary>
internal sealed record DemoAccount(string Email, string DisplayName, IReadOnlyList<string> Roles, string? Organisation = null);

internal sealed record DemoOrganisation(string Name, string Description, Tlp Clearance);

internal sealed record DemoIndicator(IndicatorType Type, string Value, string Description, int Confidence = 80);

internal sealed record DemoReference(string Url, string Title);

/// <summary>One demo report. Its indicators take the report's status, TLP and phases unless they already exist.</summary>
internal sealed record DemoReport(
    string Title,
    string Summary,
    string BodyMarkdown,
    SupplyChainPhase Phases,
    Tlp Tlp,
    int Confidence,
    ContentStatus Status,
    string AuthorEmail,
    int DaysAgo,
    IReadOnlyList<string> Techniques,
    IReadOnlyList<DemoReference> References,
    IReadOnlyList<DemoIndicator> Indicators);
