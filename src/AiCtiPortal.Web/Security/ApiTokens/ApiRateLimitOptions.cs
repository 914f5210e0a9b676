using System.ComponentModel.DataAnnotations;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>Per-token request budget of the API ("Api:RateLimit"): <see cref="PermitLimit"/> requests per window.</summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "Api:RateLimit";

    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 120;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
