using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Identity.ApiTokens;

/// <summary>
/// Creates, lists and revokes API tokens, and checks presented ones (<see cref="ValidateAsync"/>). Refusals are
/// <see cref="WorkflowRuleException"/>s listing every reason, as elsewhere in the domain. Stateless: a singleton.
/// </summary>
public sealed partial class ApiTokenService(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    /// <summary>A token that would expire within the hour is almost certainly a mistake in the expiry picker.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromHours(1);

    private const string NotYours = "That token does not exist or is not yours to manage.";

    /// <summary>A personal token for <paramref name="userId"/>, created by that user.</summary>
    public async Task<ApiTokenCreated> CreatePersonalAsync(string userId, ApiTokenRequest request, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            throw new WorkflowRuleException("Your account no longer exists.");
        }

        var allowed = ApiTokenScopeRules.AllowedFor(await RolesOfAsync(db, userId, ct));
        var now = Now;
        Check(request, allowed, "your roles", now);
        return await AddAsync(db, new ApiToken { UserId = userId }, request, userId, now, ct);
    }

    /// <summary>A token owned by an organisation, created by a curator or one of its consumer members.</summary>
    public async Task<ApiTokenCreated> CreateForOrganisationAsync(
        Guid organisationId, string actorId, ApiTokenRequest request, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorId);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await MayManageAsync(db, organisationId, actorId, ct))
        {
            throw new WorkflowRuleException(
                "Only curators and the organisation's members with the Consumer role can manage its tokens.");
        }

        var now = Now;
        Check(request, ApiTokenScopeRules.Organisation, "an organisation", now);
        return await AddAsync(db, new ApiToken { OrganisationId = organisationId }, request, actorId, now, ct);
    }

    /// <summary>
    /// Revokes a token: its owner (personal tokens), a curator, or a consumer member of the owning organisation may.
    /// True when this call revoked it; false when it already was (nothing is written then).
    /// </summary>
    public async Task<bool> RevokeAsync(Guid tokenId, string actorId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorId);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        var permitted = token switch
        {
            null => false,
            { OrganisationId: { } organisationId } => await MayManageAsync(db, organisationId, actorId, ct),
            _ => token.UserId == actorId || await IsCuratorAsync(db, actorId, ct),
        };
        if (token is null || !permitted)
        {
            throw new WorkflowRuleException(NotYours);
        }

        if (token.RevokedAt is not null)
        {
            return false;
        }

        var before = ApiTokenAudit.State(token);
        var now = Now;
        token.RevokedAt = now;
        token.RevokedById = actorId;
        db.AuditEntries.Add(ApiTokenAudit.Entry(ApiTokenAudit.Revoke, token, actorId, now, before));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The user's personal tokens, newest first, revoked and expired ones included.</summary>
    public async Task<IReadOnlyList<ApiTokenSummary>> ListForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Summaries(db.ApiTokens.Where(t => t.UserId == userId)).ToListAsync(ct);
    }

    /// <summary>An organisation's tokens, for someone who may manage them.</summary>
    public async Task<IReadOnlyList<ApiTokenSummary>> ListForOrganisationAsync(Guid organisationId, string actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await MayManageAsync(db, organisationId, actorId, ct))
        {
            throw new WorkflowRuleException("Only curators and the organisation's members with the Consumer role can see its tokens.");
        }

        return await Summaries(db.ApiTokens.Where(t => t.OrganisationId == organisationId)).ToListAsync(ct);
    }

    /// <summary>The scopes the user's roles allow on a personal token now.</summary>
    public async Task<ApiTokenScopes> AllowedScopesAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return ApiTokenScopeRules.AllowedFor(await RolesOfAsync(db, userId, ct));
    }

    /// <summary>Organisations whose tokens the user may manage: all of them for curators, else those they consume for.</summary>
    public async Task<IReadOnlyList<ApiTokenOrganisation>> ManageableOrganisationsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var roles = await RolesOfAsync(db, userId, ct);
        var organisations = db.Organisations.AsNoTracking();
        if (!roles.Contains(PortalRoles.Curator))
        {
            if (!roles.Contains(PortalRoles.Consumer))
            {
                return [];
            }

            organisations = organisations.Where(o => o.Members.Any(m => m.UserId == userId));
        }

        return await organisations.OrderBy(o => o.Name)
            .Select(o => new ApiTokenOrganisation(o.Id, o.Name, o.Clearance))
            .ToListAsync(ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static void Check(ApiTokenRequest request, ApiTokenScopes allowed, string owner, DateTime now)
    {
        var errors = new List<string>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("Give the token a name, so you can tell it apart when you revoke it.");
        }
        else if (name.Length > ApiToken.MaxNameLength)
        {
            errors.Add($"The name is {name.Length} characters long; the limit is {ApiToken.MaxNameLength}.");
        }

        if (request.Scopes == ApiTokenScopes.None)
        {
            errors.Add("Choose at least one scope.");
        }

        var unknown = request.Scopes & ~ApiTokenScopeRules.Each.Aggregate(ApiTokenScopes.None, (all, s) => all | s);
        var beyond = ApiTokenScopeRules.Split(request.Scopes & ~allowed);
        if (unknown != ApiTokenScopes.None)
        {
            errors.Add($"Unknown scope value {(int)unknown}.");
        }

        if (beyond.Count > 0)
        {
            errors.Add($"A token cannot do more than its owner: {owner} do not allow {string.Join(", ", beyond)}.");
        }

        if (request.ExpiresAt.Kind != DateTimeKind.Utc)
        {
            errors.Add("The expiry must be given in UTC.");
        }
        else if (request.ExpiresAt < now + MinLifetime)
        {
            errors.Add("The expiry must be at least an hour from now.");
        }
        else if (request.ExpiresAt > now + MaxLifetime)
        {
            errors.Add($"Tokens expire within a year; choose {now + MaxLifetime:yyyy-MM-dd} or earlier.");
        }

        if (errors.Count > 0)
        {
            throw new WorkflowRuleException(errors);
        }
    }

    private static async Task<ApiTokenCreated> AddAsync(
        PortalDbContext db, ApiToken token, ApiTokenRequest request, string actorId, DateTime now, CancellationToken ct)
    {
        var (secret, prefix) = ApiTokenSecret.Generate();

        // 40 random bits make a clash rare; the unique index is the last word if two creations race.
        while (await db.ApiTokens.AnyAsync(t => t.Prefix == prefix, ct))
        {
            (secret, prefix) = ApiTokenSecret.Generate();
        }

        token.Name = request.Name!.Trim();
        token.Scopes = request.Scopes;
        token.Prefix = prefix;
        token.SecretHash = ApiTokenSecret.HashHex(secret);
        token.CreatedById = actorId;
        token.CreatedAt = now;
        token.ExpiresAt = request.ExpiresAt;
        db.ApiTokens.Add(token);
        db.AuditEntries.Add(ApiTokenAudit.Entry(ApiTokenAudit.Create, token, actorId, now, before: null));
        await db.SaveChangesAsync(ct);
        return new ApiTokenCreated(token.Id, token.Name, secret, prefix, token.Scopes, token.ExpiresAt);
    }

    private static IQueryable<ApiTokenSummary> Summaries(IQueryable<ApiToken> tokens) =>
        tokens.AsNoTracking()
            .OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id)
            .Select(t => new ApiTokenSummary(
                t.Id, t.Name, t.Prefix, t.Scopes, t.UserId, t.OrganisationId, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt));

    /// <summary>
    /// Curators manage every organisation's tokens. Among members only consumers do: they are the ones who take the
    /// organisation's feeds into its tools, while a reviewer may be a member only to be cleared for review (0005).
    /// </summary>
    private static async Task<bool> MayManageAsync(PortalDbContext db, Guid organisationId, string actorId, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
        {
            return false;
        }

        var roles = await RolesOfAsync(db, actorId, ct);
        return roles.Contains(PortalRoles.Curator) ||
            (roles.Contains(PortalRoles.Consumer) &&
             await db.OrganisationMemberships.AnyAsync(m => m.OrganisationId == organisationId && m.UserId == actorId, ct));
    }

    private static async Task<bool> IsCuratorAsync(PortalDbContext db, string userId, CancellationToken ct) =>
        (await RolesOfAsync(db, userId, ct)).Contains(PortalRoles.Curator);

    private static async Task<IReadOnlyCollection<string>> RolesOfAsync(PortalDbContext db, string userId, CancellationToken ct) =>
        await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(ct);
}
