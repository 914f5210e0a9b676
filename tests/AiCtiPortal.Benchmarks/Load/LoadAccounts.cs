using AiCtiPortal.Domain.Identity;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>The accounts the simulated users sign in with; all share one password, seeded with the catalogue.</summary>
internal static class LoadAccounts
{
    public const string Password = "Load-Passw0rd!";
    public const string Domain = "load.aicti.local";
    public const string ConsumerOrganisation = "Load-test consumers";

    public static readonly IReadOnlyList<(string Email, string[] Roles)> All =
    [
        .. Enumerable.Range(1, 8).Select(i => ($"reviewer{i}@{Domain}", new[] { PortalRoles.Reviewer, PortalRoles.Contributor })),
        .. Enumerable.Range(1, 6).Select(i => ($"contributor{i}@{Domain}", new[] { PortalRoles.Contributor })),
        .. Enumerable.Range(1, 6).Select(i => ($"consumer{i}@{Domain}", new[] { PortalRoles.Consumer })),
    ];

    public static string Author(int index) => $"author{index}@{Domain}";
}
