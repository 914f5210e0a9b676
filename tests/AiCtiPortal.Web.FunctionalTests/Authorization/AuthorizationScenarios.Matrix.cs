using System.Net;

namespace AiCtiPortal.Web.FunctionalTests.Authorization;

public abstract partial class AuthorizationScenarios<TFactory>
{
    [Fact]
    public void Every_mapped_route_has_an_expected_access_rule()
    {
        var mapped = MappedRoutes.Of(fixture.Factory.Services);
        var named = AccessTable.Rules.Select(r => r.Route).Concat(AccessTable.NotRequested.Keys).ToHashSet(StringComparer.Ordinal);

        var problems = mapped
            .Where(m => !m.IsStaticAsset && !named.Contains(m.Route))
            .Select(m => $"page {m.Route} has no expected access rule ({m.Kind}); add it to AccessTable")
            .Concat(named.Where(route => mapped.All(m => m.Route != route))
                .Select(route => $"AccessTable names {route}, which the app no longer maps"))
            .ToList();

        Assert.Contains(mapped, m => m.IsStaticAsset);
        AssertNone(problems, "routes without a decided rule");
    }

    [Fact]
    public async Task Every_route_answers_every_audience_as_the_access_table_says()
    {
        var requests = AccessTable.Rules.Select(rule => (Url: rule.Sample(fixture.Samples), rule.Expected))
            .Concat(StaticAssetSamples().Select(url => (Url: url, Expected: AccessTable.StaticAsset)));
        var mismatches = new List<string>();
        foreach (var (url, expected) in requests)
        {
            foreach (var audience in Audiences.All)
            {
                using var response = await ClientFor(audience).GetAsync(url);
                var (observed, description) = AccessObserver.Observe(response);
                if (observed != expected[audience])
                {
                    mismatches.Add($"{audience} GET {url}: expected {expected[audience]}, got {observed?.ToString() ?? "an unexpected answer"} ({description})");
                }
            }
        }

        AssertNone(mismatches, "access mismatches");
    }

    /// <summary>A contributor cannot post a review decision (or anything else) to a page it may not open.</summary>
    [Fact]
    public async Task Form_posts_to_a_protected_page_are_refused_like_its_GET()
    {
        var mismatches = new List<string>();
        foreach (var rule in AccessTable.Rules)
        {
            foreach (var audience in Audiences.All.Where(a => rule.Expected[a] is Access.Login or Access.Denied))
            {
                var url = rule.Sample(fixture.Samples);
                using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "review" });
                using var response = await ClientFor(audience).PostAsync(url, form);
                var (observed, description) = AccessObserver.Observe(response);
                if (observed != rule.Expected[audience])
                {
                    mismatches.Add($"{audience} POST {url}: expected {rule.Expected[audience]}, got {observed?.ToString() ?? "an unexpected answer"} ({description})");
                }
            }
        }

        AssertNone(mismatches, "form posts not refused");
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused()
    {
        using var client = await fixture.SignedInClientAsync(Audiences.EmailOf(Audience.Contributor));

        // A complete form, only without the token, so the refusal can only be the antiforgery check's.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" });
        using var response = await client.PostAsync("/Account/Logout", form);
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"current-user\"", home);
    }

    /// <summary>A few of the app's own assets (its stylesheet and scripts) stand for every static asset.</summary>
    private IEnumerable<string> StaticAssetSamples() =>
        MappedRoutes.Of(fixture.Factory.Services)
            .Where(m => m.IsStaticAsset && !m.Route.Contains('{'))
            .Select(m => m.Route)
            .Where(route => route.EndsWith(".css", StringComparison.Ordinal) || route.EndsWith(".js", StringComparison.Ordinal))
            .Take(3);
}
