using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Identity.ApiTokens;

/// <summary>API tokens on a real database (SQLite and PostgreSQL through the derived classes).</summary>
public abstract class ApiTokenServiceTests(ITestDatabases databases)
{
    private async Task<ApiTokenTestBed> BedAsync() => new(await databases.SharedMigratedAsync());

    [Fact]
    public async Task The_secret_is_returned_once_and_only_its_sha256_is_stored()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);

        var created = await bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue));

        Assert.Matches("^aicti_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$", created.Token);
        Assert.StartsWith($"aicti_{created.Prefix}_", created.Token, StringComparison.Ordinal);
        var row = await bed.RowAsync(created.Id);
        Assert.Equal(ApiTokenSecret.HashHex(created.Token), row.SecretHash);
        var secretPart = created.Token[(ApiTokenSecret.Mark.Length + ApiTokenSecret.PrefixLength + 1)..];
        await using var db = bed.Db();
        var everything = string.Join("|", await db.ApiTokens.AsNoTracking().Select(t => t.Name + t.Prefix + t.SecretHash).ToListAsync())
            + string.Join("|", await db.AuditEntries.AsNoTracking().Select(a => a.BeforeJson + a.AfterJson).ToListAsync());
        Assert.DoesNotContain(secretPart, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(row.SecretHash, string.Join("|", await db.AuditEntries.AsNoTracking().Select(a => a.AfterJson).ToListAsync()), StringComparison.Ordinal);
        Assert.All(await bed.Service.ListForUserAsync(user), t => Assert.Equal(created.Prefix, t.Prefix));
    }

    [Fact]
    public async Task A_valid_token_is_found_by_its_prefix_and_acts_for_its_owner_with_the_owners_clearance()
    {
        var bed = await BedAsync();
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer, PortalRoles.Contributor);
        await bed.OrganisationAsync(Tlp.Amber, reviewer);
        var created = await bed.Service.CreatePersonalAsync(reviewer,
            bed.Request(ApiTokenScopes.ReadCatalogue | ApiTokenScopes.SubmitIndicators));

        var validation = await bed.Service.ValidateAsync(created.Token);

        var caller = Assert.IsType<ApiTokenCaller>(validation.Caller);
        Assert.Equal((created.Id, reviewer, Tlp.Amber), (caller.TokenId, caller.UserId, caller.Clearance));
        Assert.Equal(ApiTokenScopes.ReadCatalogue | ApiTokenScopes.SubmitIndicators, caller.Scopes);
        Assert.Equal([PortalRoles.Contributor, PortalRoles.Reviewer], caller.Roles);
        Assert.False(caller.IsOrganisationToken);
    }

    [Fact]
    public async Task A_token_with_a_changed_secret_or_an_unknown_prefix_is_not_recognised_and_garbage_is_malformed()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);
        var created = await bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue));
        var last = created.Token[^1] == 'A' ? 'B' : 'A';
        var (other, _) = ApiTokenSecret.Generate();

        var changed = await bed.Service.ValidateAsync(created.Token[..^1] + last);
        var unknown = await bed.Service.ValidateAsync(other);
        var garbage = await bed.Service.ValidateAsync("not-a-token");
        var empty = await bed.Service.ValidateAsync(null);

        Assert.Equal(ApiTokenFailure.Unknown, changed.Failure);
        Assert.Equal(ApiTokenFailure.Unknown, unknown.Failure);
        Assert.Equal(changed.Reason, unknown.Reason);
        Assert.Equal(ApiTokenFailure.Malformed, garbage.Failure);
        Assert.Equal(ApiTokenFailure.Malformed, empty.Failure);
        Assert.Contains("aicti_", garbage.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_stops_working_at_its_expiry_and_says_so()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);
        var created = await bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue, TimeSpan.FromDays(1)));
        bed.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        Assert.True((await bed.Service.ValidateAsync(created.Token)).Succeeded);

        bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await bed.Service.ValidateAsync(created.Token);

        Assert.Equal(ApiTokenFailure.Expired, expired.Failure);
        Assert.Equal("The token expired on 2026-11-24 08:00 UTC.", expired.Reason);
    }

    [Theory]
    [InlineData(0.5, "at least an hour")]
    [InlineData(365.5 * 24, "within a year")]
    [InlineData(-24, "at least an hour")]
    public async Task An_expiry_must_be_an_hour_to_a_year_away(double hours, string message)
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue, TimeSpan.FromHours(hours))));

        Assert.Contains(refused.Errors, e => e.Contains(message, StringComparison.Ordinal));
        Assert.Empty(await bed.Service.ListForUserAsync(user));
        var yearLong = await bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue, ApiTokenService.MaxLifetime));
        Assert.Equal(bed.Now + ApiTokenService.MaxLifetime, yearLong.ExpiresAt);
    }

    [Fact]
    public async Task A_nameless_scopeless_request_is_refused_with_every_reason()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.None, name: "  ")));

        Assert.Equal(2, refused.Errors.Count);
        Assert.Contains(refused.Errors, e => e.Contains("name", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("scope", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PortalRoles.Consumer, ApiTokenScopes.SubmitIndicators)]
    [InlineData(PortalRoles.Reviewer, ApiTokenScopes.DownloadExports)]
    [InlineData(PortalRoles.Contributor, ApiTokenScopes.DownloadExports)]
    [InlineData(null, ApiTokenScopes.ReportSightings)]
    public async Task A_personal_token_cannot_hold_a_scope_its_owners_roles_do_not_allow(string? role, ApiTokenScopes scope)
    {
        var bed = await BedAsync();
        var user = role is null ? await bed.UserAsync() : await bed.UserAsync(role);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue | scope)));

        Assert.Contains(scope.ToString(), Assert.Single(refused.Errors), StringComparison.Ordinal);
        Assert.False((await bed.Service.AllowedScopesAsync(user)).HasFlag(scope));
        Assert.Empty(await bed.Service.ListForUserAsync(user));
    }

    [Fact]
    public async Task Taking_a_role_away_takes_its_scope_away_from_existing_tokens()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor, PortalRoles.Consumer);
        var created = await bed.Service.CreatePersonalAsync(user,
            bed.Request(ApiTokenScopes.ReadCatalogue | ApiTokenScopes.DownloadExports | ApiTokenScopes.SubmitIndicators));
        await using (var db = bed.Db())
        {
            var contributor = await db.Roles.SingleAsync(r => r.NormalizedName == "CONTRIBUTOR");
            await db.UserRoles.Where(ur => ur.UserId == user && ur.RoleId == contributor.Id).ExecuteDeleteAsync();
        }

        var caller = (await bed.Service.ValidateAsync(created.Token)).Caller!;

        Assert.Equal(ApiTokenScopes.ReadCatalogue | ApiTokenScopes.DownloadExports, caller.Scopes);
        Assert.Equal(created.Scopes, caller.GrantedScopes);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_and_the_revocation_is_audited_once()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);
        var created = await bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue));
        bed.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await bed.Service.RevokeAsync(created.Id, user));
        Assert.False(await bed.Service.RevokeAsync(created.Id, user));
        var refused = await bed.Service.ValidateAsync(created.Token);

        Assert.Equal(ApiTokenFailure.Revoked, refused.Failure);
        Assert.Equal("The token was revoked on 2026-11-23 08:05 UTC.", refused.Reason);
        var row = await bed.RowAsync(created.Id);
        Assert.Equal(bed.Now, row.RevokedAt);
        Assert.Equal(user, row.RevokedById);
        await using var db = bed.Db();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == created.Id.ToString()).OrderBy(a => a.At).ToListAsync();
        Assert.Equal(["ApiToken.Create", "ApiToken.Revoke"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("ApiToken", user), (e.EntityType, e.ActorId)));
        Assert.Contains("\"revokedAt\"", entries[1].AfterJson, StringComparison.Ordinal);
        Assert.DoesNotContain("revokedAt", entries[1].BeforeJson ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_owner_or_a_curator_may_revoke_a_personal_token()
    {
        var bed = await BedAsync();
        var owner = await bed.UserAsync(PortalRoles.Contributor);
        var stranger = await bed.UserAsync(PortalRoles.Reviewer, PortalRoles.Contributor);
        var curator = await bed.UserAsync(PortalRoles.Curator);
        var created = await bed.Service.CreatePersonalAsync(owner, bed.Request(ApiTokenScopes.ReadCatalogue));

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Service.RevokeAsync(created.Id, stranger));
        var unknown = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Service.RevokeAsync(Guid.NewGuid(), owner));

        Assert.Equal(unknown.Message, refused.Message);
        Assert.True((await bed.Service.ValidateAsync(created.Token)).Succeeded);
        Assert.True(await bed.Service.RevokeAsync(created.Id, curator));
        Assert.Equal(curator, (await bed.RowAsync(created.Id)).RevokedById);
    }

    [Fact]
    public async Task Curators_and_consumer_members_manage_organisation_tokens_but_other_members_do_not()
    {
        var bed = await BedAsync();
        var consumer = await bed.UserAsync(PortalRoles.Consumer);
        var reviewerMember = await bed.UserAsync(PortalRoles.Reviewer, PortalRoles.Contributor);
        var outsider = await bed.UserAsync(PortalRoles.Consumer);
        var curator = await bed.UserAsync(PortalRoles.Curator);
        var organisation = await bed.OrganisationAsync(Tlp.Amber, consumer, reviewerMember);
        var request = bed.Request(ApiTokenScopes.ReadCatalogue | ApiTokenScopes.DownloadExports);

        var byConsumer = await bed.Service.CreateForOrganisationAsync(organisation, consumer, request);
        var byCurator = await bed.Service.CreateForOrganisationAsync(organisation, curator, request);
        await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Service.CreateForOrganisationAsync(organisation, reviewerMember, request));
        await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Service.CreateForOrganisationAsync(organisation, outsider, request));
        await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Service.ListForOrganisationAsync(organisation, outsider));
        await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Service.RevokeAsync(byCurator.Id, reviewerMember));

        Assert.Equal(new[] { byCurator.Id, byConsumer.Id }.Order(), (await bed.Service.ListForOrganisationAsync(organisation, consumer)).Select(t => t.Id).Order());
        Assert.Contains(await bed.Service.ManageableOrganisationsAsync(consumer), o => o.Id == organisation);
        Assert.Empty(await bed.Service.ManageableOrganisationsAsync(reviewerMember));
        Assert.Contains(await bed.Service.ManageableOrganisationsAsync(curator), o => o.Id == organisation);
        Assert.DoesNotContain(await bed.Service.ManageableOrganisationsAsync(outsider), o => o.Id == organisation);
        Assert.True(await bed.Service.RevokeAsync(byCurator.Id, consumer));
        Assert.Empty(await bed.Service.ListForUserAsync(consumer));
    }

    [Fact]
    public async Task An_organisation_token_acts_as_a_consumer_at_the_organisations_clearance_and_never_submits()
    {
        var bed = await BedAsync();
        var curator = await bed.UserAsync(PortalRoles.Curator);
        var organisation = await bed.OrganisationAsync(Tlp.Amber);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Service.CreateForOrganisationAsync(
            organisation, curator, bed.Request(ApiTokenScopes.ReadCatalogue | ApiTokenScopes.SubmitIndicators)));
        var created = await bed.Service.CreateForOrganisationAsync(organisation, curator,
            bed.Request(ApiTokenScopes.ReadCatalogue | ApiTokenScopes.ReportSightings));
        var caller = (await bed.Service.ValidateAsync(created.Token)).Caller!;

        Assert.Contains("SubmitIndicators", Assert.Single(refused.Errors), StringComparison.Ordinal);
        Assert.True(caller.IsOrganisationToken);
        Assert.Null(caller.UserId);
        Assert.Equal((organisation, Tlp.Amber), (caller.OrganisationId!.Value, caller.Clearance));
        Assert.Equal([PortalRoles.Consumer], caller.Roles);
        Assert.Equal(ApiTokenScopes.ReadCatalogue | ApiTokenScopes.ReportSightings, caller.Scopes);
        var row = await bed.RowAsync(created.Id);
        Assert.Null(row.UserId);
        Assert.Equal(curator, row.CreatedById);
    }

    [Fact]
    public async Task A_token_row_with_two_owners_or_none_is_refused_by_the_database()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);
        var organisation = await bed.OrganisationAsync(Tlp.Green);

        foreach (var (userId, organisationId) in new (string?, Guid?)[] { (user, organisation), (null, null) })
        {
            await using var db = bed.Db();
            var (_, prefix) = ApiTokenSecret.Generate();
            db.ApiTokens.Add(new ApiToken
            {
                Name = "x", UserId = userId, OrganisationId = organisationId, Scopes = ApiTokenScopes.ReadCatalogue,
                Prefix = prefix, SecretHash = new string('0', 64), CreatedById = user, CreatedAt = bed.Now, ExpiresAt = bed.Now.AddDays(1),
            });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Last_use_is_recorded_at_most_once_a_minute()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);
        var created = await bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue));
        Assert.Null((await bed.RowAsync(created.Id)).LastUsedAt);

        await bed.Service.ValidateAsync(created.Token);
        var first = bed.Now;
        bed.Clock.Advance(TimeSpan.FromSeconds(30));
        await bed.Service.ValidateAsync(created.Token);
        Assert.Equal(first, (await bed.RowAsync(created.Id)).LastUsedAt);

        bed.Clock.Advance(TimeSpan.FromSeconds(31));
        await bed.Service.ValidateAsync(created.Token);
        Assert.Equal(bed.Now, (await bed.RowAsync(created.Id)).LastUsedAt);
    }

    [Fact]
    public async Task A_locked_out_owners_tokens_are_refused()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);
        var created = await bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue));
        await using (var db = bed.Db())
        {
            var account = await db.Users.SingleAsync(u => u.Id == user);
            account.LockoutEnd = new DateTimeOffset(bed.Now.AddHours(1));
            await db.SaveChangesAsync();
        }

        var refused = await bed.Service.ValidateAsync(created.Token);

        Assert.Equal(ApiTokenFailure.OwnerLockedOut, refused.Failure);
        bed.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True((await bed.Service.ValidateAsync(created.Token)).Succeeded);
    }

    [Fact]
    public async Task A_users_list_holds_only_their_personal_tokens_newest_first_with_revoked_ones()
    {
        var bed = await BedAsync();
        var user = await bed.UserAsync(PortalRoles.Contributor);
        var other = await bed.UserAsync(PortalRoles.Contributor);
        var older = await bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue, name: "older"));
        bed.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await bed.Service.CreatePersonalAsync(user, bed.Request(ApiTokenScopes.ReadCatalogue, name: "newer"));
        await bed.Service.CreatePersonalAsync(other, bed.Request(ApiTokenScopes.ReadCatalogue, name: "someone else's"));
        await bed.Service.RevokeAsync(older.Id, user);

        var list = await bed.Service.ListForUserAsync(user);

        Assert.Equal(["newer", "older"], list.Select(t => t.Name));
        Assert.True(list[0].IsActiveAt(bed.Now));
        Assert.False(list[1].IsActiveAt(bed.Now));
        Assert.Equal(newer.Prefix, list[0].Prefix);
    }
}

public sealed class SqliteApiTokenServiceTests(SqliteDatabases databases)
    : ApiTokenServiceTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresApiTokenServiceTests(PostgresDatabases databases)
    : ApiTokenServiceTests(databases), IClassFixture<PostgresDatabases>;
