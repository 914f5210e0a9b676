using System.Net;
using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>The host's behaviour, run once per database provider by the derived classes.</summary>
public abstract class PortalScenarios(PortalFactory factory)
{
    private const string StrongPassword = "Correct-Horse-42";

    [Fact]
    public async Task Health_reports_database_and_scheduler_healthy_as_json()
    {
        var client = factory.CreatePortalClient();

        // The Quartz hosted service starts the scheduler just after the host; give it a moment.
        JsonElement body = default;
        HttpResponseMessage? response = null;
        for (var attempt = 0; attempt < 40; attempt++)
        {
            response = await client.GetAsync("/health");
            body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (body.GetProperty("status").GetString() == "Healthy")
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("scheduler").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Anonymous_visitors_see_only_published_TLP_CLEAR_reports()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var author = await factory.CreateUserAsync(StrongPassword, PortalRoles.Contributor);
        await AddReportsAsync(author.Id,
            ($"Clear published {marker}", Tlp.Clear, ContentStatus.Published),
            ($"Green published {marker}", Tlp.Green, ContentStatus.Published),
            ($"Amber published {marker}", Tlp.Amber, ContentStatus.Published),
            ($"Clear draft {marker}", Tlp.Clear, ContentStatus.Draft));

        var response = await factory.CreatePortalClient().GetAsync($"/reports");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Clear published {marker}", html);
        Assert.DoesNotContain($"Green published {marker}", html);
        Assert.DoesNotContain($"Amber published {marker}", html);
        Assert.DoesNotContain($"Clear draft {marker}", html);
        Assert.DoesNotContain("TLP:GREEN", html);
        Assert.DoesNotContain("TLP:AMBER", html);
        Assert.DoesNotContain("TLP:RED", html);
    }

    [Fact]
    public async Task Consumer_sees_published_reports_up_to_their_organisations_clearance()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var author = await factory.CreateUserAsync(StrongPassword, PortalRoles.Contributor);
        await AddReportsAsync(author.Id,
            ($"Amber for consumers {marker}", Tlp.Amber, ContentStatus.Published),
            ($"Amber strict {marker}", Tlp.AmberStrict, ContentStatus.Published),
            ($"Red only {marker}", Tlp.Red, ContentStatus.Published));
        var client = factory.CreatePortalClient();
        await client.SignInAsync("consumer@demo.aicti.local", PortalClient.DemoPassword);

        var html = await (await client.GetAsync("/reports")).Content.ReadAsStringAsync();

        // The demo consumer belongs to Northwind AI Security, cleared for Amber.
        Assert.Contains($"Amber for consumers {marker}", html);
        Assert.DoesNotContain($"Amber strict {marker}", html);
        Assert.DoesNotContain($"Red only {marker}", html);
    }

    [Fact]
    public async Task Contributors_see_their_own_drafts_but_not_other_peoples()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var me = await factory.CreateUserAsync(StrongPassword, PortalRoles.Contributor);
        var someoneElse = await factory.CreateUserAsync(StrongPassword, PortalRoles.Contributor);
        var mine = await AddReportsAsync(me.Id, ($"My draft {marker}", Tlp.Red, ContentStatus.Draft));
        var theirs = await AddReportsAsync(someoneElse.Id, ($"Their draft {marker}", Tlp.Clear, ContentStatus.Draft));
        var client = factory.CreatePortalClient();
        await client.SignInAsync(me.Email!, StrongPassword);

        // Drafts are not in the published catalogue (/reports); their author finds them under My submissions.
        var list = await (await client.GetAsync("/my/submissions")).Content.ReadAsStringAsync();
        var catalogue = await (await client.GetAsync($"/reports?q={marker}")).Content.ReadAsStringAsync();
        Assert.Contains($"My draft {marker}", list);
        Assert.DoesNotContain($"Their draft {marker}", list);
        Assert.DoesNotContain($"draft {marker}", catalogue);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/reports/{mine[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/reports/{theirs[0]}")).StatusCode);
    }

    [Fact]
    public async Task Report_search_and_phase_filter_from_the_address_bar_narrow_the_list()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var author = await factory.CreateUserAsync(StrongPassword, PortalRoles.Contributor);
        await AddReportsAsync(author.Id, ($"Searchable {marker} CASE", Tlp.Clear, ContentStatus.Published));
        var client = factory.CreatePortalClient();

        var hit = await (await client.GetAsync($"/reports?q={marker}%20case&phase=ModelArtifact")).Content.ReadAsStringAsync();
        var wrongPhase = await (await client.GetAsync($"/reports?q={marker}&phase=Training")).Content.ReadAsStringAsync();

        Assert.Contains($"Searchable {marker} CASE", hit);
        Assert.DoesNotContain($"Searchable {marker}", wrongPhase);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/reports")]
    [InlineData("/indicators")]
    [InlineData("/indicators?type=Url&q=example")]
    [InlineData("/indicators/check")]
    [InlineData("/atlas?q=poison")]
    [InlineData("/admin/users")]
    [InlineData("/admin/organisations")]
    [InlineData("/admin/jobs")]
    public async Task Every_page_renders_for_a_curator(string url)
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("curator@demo.aicti.local", PortalClient.DemoPassword);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"current-user\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_visitors_get_not_found_for_a_restricted_report()
    {
        var author = await factory.CreateUserAsync(StrongPassword, PortalRoles.Contributor);
        var ids = await AddReportsAsync(author.Id, ("Amber only", Tlp.Amber, ContentStatus.Published));

        var response = await factory.CreatePortalClient().GetAsync($"/reports/{ids[0]}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Amber only", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Curator_signed_in_through_the_form_can_open_admin_users()
    {
        var client = factory.CreatePortalClient();

        var signIn = await client.SignInAsync("curator@demo.aicti.local", PortalClient.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var users = await client.GetAsync("/admin/users");
        var html = await users.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains("contributor@demo.aicti.local", html);
        Assert.Contains("data-testid=\"current-roles\"", html);
    }

    [Fact]
    public async Task Sign_out_form_in_the_layout_ends_the_session()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("reviewer@demo.aicti.local", PortalClient.DemoPassword);

        // The layout's form carries a token bound to the signed-in user; posting it must be accepted.
        var signOut = await client.SubmitFormAsync("/", "/Account/Logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-testid=\"current-user\"", home);
        Assert.Contains("Sign in", home);
    }

    [Fact]
    public async Task Contributor_is_denied_admin_users()
    {
        var client = factory.CreatePortalClient();
        var signIn = await client.SignInAsync("contributor@demo.aicti.local", PortalClient.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var users = await client.GetAsync("/admin/users");

        Assert.True(users.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"Got {users.StatusCode}.");
        if (users.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/Account/AccessDenied", users.RedirectPath(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Anonymous_request_for_admin_page_is_sent_to_sign_in()
    {
        var response = await factory.CreatePortalClient().GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.RedirectPath(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var user = await factory.CreateUserAsync(StrongPassword, PortalRoles.Contributor);
        var client = factory.CreatePortalClient();

        HttpResponseMessage response = null!;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            response = await client.SignInAsync(user.Email!, "Wrong-password-" + attempt);
            if (attempt < 5)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("Invalid email or password.", await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Lockout", response.RedirectPath());

        var withRightPassword = await client.SignInAsync(user.Email!, StrongPassword);
        Assert.Equal("/Account/Lockout", withRightPassword.RedirectPath());
    }

    [Fact]
    public async Task Register_creates_a_signed_in_contributor()
    {
        var email = $"new-{Guid.NewGuid():N}@tests.aicti.local";
        var client = factory.CreatePortalClient();

        var response = await client.SubmitFormAsync("/Account/Register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Analyst",
            ["Input.Email"] = email,
            ["Input.Password"] = StrongPassword,
            ["Input.ConfirmPassword"] = StrongPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.Equal("New Analyst", user.DisplayName);
        Assert.Equal([PortalRoles.Contributor], await users.GetRolesAsync(user));

        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("New Analyst", home);
    }

    [Fact]
    public async Task Register_with_a_short_password_keeps_what_was_typed_except_the_password()
    {
        var client = factory.CreatePortalClient();

        var response = await client.SubmitFormAsync("/Account/Register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Short Pass",
            ["Input.Email"] = "short-pass@tests.aicti.local",
            ["Input.Password"] = "Ab1!short",
            ["Input.ConfirmPassword"] = "Ab1!short",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 10 characters", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("value=\"Short Pass\"", html);
        Assert.Contains("value=\"short-pass@tests.aicti.local\"", html);
        Assert.DoesNotContain("Ab1!short", html);
    }

    [Fact]
    public async Task Password_reset_link_from_the_email_sets_a_new_password()
    {
        var user = await factory.CreateUserAsync(StrongPassword, PortalRoles.Contributor);
        var client = factory.CreatePortalClient();

        var requested = await client.SubmitFormAsync("/Account/ForgotPassword",
            new Dictionary<string, string> { ["Input.Email"] = user.Email! });
        Assert.Contains("If an account uses that address", await requested.Content.ReadAsStringAsync());

        var link = new Uri(factory.Emails.LinkFor(user.Email!));
        const string newPassword = "Brand-New-Passw0rd";
        var reset = await client.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Contains("Your password has been reset", await reset.Content.ReadAsStringAsync());

        var signIn = await factory.CreatePortalClient().SignInAsync(user.Email!, newPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.RedirectPath());
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_an_unknown_address()
    {
        var response = await factory.CreatePortalClient().SubmitFormAsync("/Account/ForgotPassword",
            new Dictionary<string, string> { ["Input.Email"] = "nobody-here@tests.aicti.local" });

        Assert.Contains("If an account uses that address", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(factory.Emails.ResetLinks, l => l.Email == "nobody-here@tests.aicti.local");
    }

    [Fact]
    public async Task Unknown_url_shows_the_friendly_not_found_page()
    {
        var response = await factory.CreatePortalClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"not-found-page\"", html);
        Assert.Contains("Not found", html);
    }

    [Fact]
    public async Task Blazor_client_script_is_served_with_an_etag()
    {
        var client = factory.CreatePortalClient();

        var response = await client.GetAsync("/_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 50_000);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/_framework/blazor.web.js");
        revalidate.Headers.IfNoneMatch.Add(response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);
    }

    private async Task<List<Guid>> AddReportsAsync(string authorId, params (string Title, Tlp Tlp, ContentStatus Status)[] reports)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var entities = reports.Select(r => new ThreatReport
        {
            Title = r.Title,
            Summary = "Written by a functional test.",
            BodyMarkdown = "Test body.",
            Tlp = r.Tlp,
            Status = r.Status,
            AuthorId = authorId,
            Phases = SupplyChainPhase.ModelArtifact,
            PublishedAt = r.Status == ContentStatus.Published ? DateTime.UtcNow : null,
            UpdatedAt = DateTime.UtcNow.AddYears(1), // first on the newest-first first page
        }).ToList();
        db.Reports.AddRange(entities);
        await db.SaveChangesAsync();
        return entities.Select(e => e.Id).ToList();
    }
}

public sealed class SqlitePortalScenarios(SqlitePortalFactory factory)
    : PortalScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresPortalScenarios(PostgresPortalFactory factory)
    : PortalScenarios(factory), IClassFixture<PostgresPortalFactory>;
