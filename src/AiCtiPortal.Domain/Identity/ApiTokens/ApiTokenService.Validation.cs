using System.Globalization;
using System.Security.Cryptography;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Identity.ApiTokens;

public sealed partial class ApiTokenService
{
    /// <summary>How stale LastUsedAt may get before a request writes it again.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Checks a presented token and says who it acts for, with the owner's current roles, clearance and the scopes
    /// they still allow. The row is found by its public prefix; the secret's hash is then compared in constant time,
    /// so response timing says nothing about how much of a guess was right.
    /// </summary>
    public async Task<ApiTokenValidation> ValidateAsync(string? presented, CancellationToken ct = default)
    {
        var prefix = ApiTokenSecret.PrefixOf(presented?.Trim());
        if (prefix is null)
        {
            return ApiTokenValidation.Refused(ApiTokenFailure.Malformed,
                "The bearer token is not an AiCtiPortal API token (expected aicti_ followed by its prefix and secret).");
        }

        var hash = ApiTokenSecret.Hash(presented!.Trim());
        await using var db = await contexts.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Prefix == prefix, ct);
        if (token is null || !CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(token.SecretHash)))
        {
            return ApiTokenValidation.Refused(ApiTokenFailure.Unknown, "The token is not recognised.");
        }

        var now = Now;
        if (token.RevokedAt is { } revoked)
        {
            return ApiTokenValidation.Refused(ApiTokenFailure.Revoked, $"The token was revoked on {Stamp(revoked)}.");
        }

        if (token.ExpiresAt <= now)
        {
            return ApiTokenValidation.Refused(ApiTokenFailure.Expired, $"The token expired on {Stamp(token.ExpiresAt)}.");
        }

        var validation = token.OrganisationId is { } organisationId
            ? await OrganisationCallerAsync(db, token, organisationId, ct)
            : await PersonalCallerAsync(db, token, now, ct);
        if (validation.Succeeded)
        {
            await TouchAsync(db, token, now, ct);
        }

        return validation;
    }

    private static async Task<ApiTokenValidation> PersonalCallerAsync(PortalDbContext db, ApiToken token, DateTime now, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == token.UserId)
            .Select(u => new { u.Id, u.UserName, u.Email, u.DisplayName, u.LockoutEnd })
            .SingleOrDefaultAsync(ct);
        if (user is null)
        {
            // The foreign key deletes tokens with their account; this is only a race with that deletion.
            return ApiTokenValidation.Refused(ApiTokenFailure.Unknown, "The token is not recognised.");
        }

        // LockoutEnd is compared here rather than in SQL: SQLite cannot compare DateTimeOffset values.
        if (user.LockoutEnd is { } lockoutEnd && lockoutEnd.UtcDateTime > now)
        {
            return ApiTokenValidation.Refused(ApiTokenFailure.OwnerLockedOut, "The account this token acts for is locked out.");
        }

        var roles = (await RolesOfAsync(db, user.Id, ct)).Order(StringComparer.Ordinal).ToList();
        var clearance = Clearance.Grant(roles, await Clearance.OfOrganisationsAsync(db, user.Id, ct));
        var scopes = token.Scopes & ApiTokenScopeRules.AllowedFor(roles);
        return ApiTokenValidation.Valid(new ApiTokenCaller(
            token.Id, token.Name, token.Prefix, scopes, token.Scopes, token.ExpiresAt,
            user.Id, user.UserName, user.Email, user.DisplayName, null, null, roles, clearance));
    }

    private static async Task<ApiTokenValidation> OrganisationCallerAsync(
        PortalDbContext db, ApiToken token, Guid organisationId, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == organisationId)
            .Select(o => new { o.Name, o.Clearance })
            .SingleOrDefaultAsync(ct);
        if (organisation is null)
        {
            return ApiTokenValidation.Refused(ApiTokenFailure.Unknown, "The token is not recognised.");
        }

        var scopes = token.Scopes & ApiTokenScopeRules.Organisation;
        return ApiTokenValidation.Valid(new ApiTokenCaller(
            token.Id, token.Name, token.Prefix, scopes, token.Scopes, token.ExpiresAt,
            null, null, null, null, organisationId, organisation.Name, [PortalRoles.Consumer], organisation.Clearance));
    }

    /// <summary>One conditional UPDATE at most once a minute per token; concurrent requests simply both match or not.</summary>
    private static async Task TouchAsync(PortalDbContext db, ApiToken token, DateTime now, CancellationToken ct)
    {
        if (token.LastUsedAt is { } last && now - last < LastUsedResolution)
        {
            return;
        }

        var stale = now - LastUsedResolution;
        await db.ApiTokens
            .Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt < stale))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), ct);
    }

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
