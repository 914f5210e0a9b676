namespace AiCtiPortal.Domain.Identity.ApiTokens;

/// <summary>
/// A credential for the portal's API. It belongs either to a user (a personal token, acting with that user's roles and
/// clearance) or to an organisation (acting as a consumer at the organisation's clearance); never to both. Only the
/// SHA-256 of the secret is kept: the secret itself is shown once, when the token is created.
/// </summary>
public class ApiToken
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>What the owner calls it ("SIEM connector"), to tell tokens apart when revoking.</summary>
    public string Name { get; set; } = "";

    /// <summary>The owner of a personal token; null for an organisation token.</summary>
    public string? UserId { get; set; }

    /// <summary>The owner of an organisation token; null for a personal token.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>What the token was granted; at use it is narrowed to what the owner may do then.</summary>
    public ApiTokenScopes Scopes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token string.</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>The random, non-secret part after "aicti_": shown in lists and used to find the row.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Who created it (the owner, a curator or an organisation's consumer); not a foreign key, like audit actors.</summary>
    public string CreatedById { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Required: every token expires, at most <see cref="ApiTokenService.MaxLifetime"/> after creation.</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedById { get; set; }

    /// <summary>Updated at most once a minute, so a busy token does not write on every request.</summary>
    public DateTime? LastUsedAt { get; set; }
}
