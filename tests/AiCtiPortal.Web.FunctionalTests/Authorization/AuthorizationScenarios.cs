using AiCtiPortal.Web.FunctionalTests.Infrastructure;

namespace AiCtiPortal.Web.FunctionalTests.Authorization;

/// <summary>
/// Issue 5, item 8: the authorisation matrix of every route against every role and anonymous, and TLP enforcement in
/// lists, search, counts, details and the review queue; once per database provider. The rules that a contributor
/// cannot decide and a reviewer cannot decide on their own work are also proven at the service, since decisions are
/// made in the interactive circuit, not by a form post: see Domain.Tests ReportWorkflowTests and
/// ReviewScenarios.A_reviewer_does_not_see_their_own_submission_in_the_queue_and_cannot_decide_on_it.
/// </summary>
public abstract partial class AuthorizationScenarios<TFactory>(AuthorizationFixture<TFactory> fixture)
    where TFactory : PortalFactory, new()
{
    private HttpClient ClientFor(Audience audience) => fixture.ClientFor(audience);

    private VisibleContent Content => fixture.Content;

    private static void AssertNone(List<string> mismatches, string what) =>
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} {what}:\n  " + string.Join("\n  ", mismatches));

    /// <summary>Describes how a page's set of ids differs from the expected one, naming items by title.</summary>
    private static IEnumerable<string> Differences(
        string where, HashSet<Guid> shown, Dictionary<Guid, string> expected, Func<Guid, string> nameOf)
    {
        foreach (var missing in expected.Keys.Where(id => !shown.Contains(id)))
        {
            yield return $"{where}: missing {expected[missing]}";
        }

        foreach (var extra in shown.Where(id => !expected.ContainsKey(id)))
        {
            yield return $"{where}: shows {nameOf(extra)}, which this viewer may not see";
        }
    }

    private string ReportName(Guid id) =>
        Content.Reports.FirstOrDefault(r => r.Id == id) is { } r ? $"'{r.Title}' ({r.Tlp}, {r.Status})" : $"unknown report {id}";

    private string IndicatorName(Guid id) =>
        Content.Indicators.FirstOrDefault(i => i.Id == id) is { } i ? $"'{i.NormalizedValue}' ({i.Tlp}, {i.Status})" : $"unknown indicator {id}";
}

public sealed class SqliteAuthorizationScenarios(AuthorizationFixture<SqlitePortalFactory> fixture)
    : AuthorizationScenarios<SqlitePortalFactory>(fixture), IClassFixture<AuthorizationFixture<SqlitePortalFactory>>;

public sealed class PostgresAuthorizationScenarios(AuthorizationFixture<PostgresPortalFactory> fixture)
    : AuthorizationScenarios<PostgresPortalFactory>(fixture), IClassFixture<AuthorizationFixture<PostgresPortalFactory>>;
