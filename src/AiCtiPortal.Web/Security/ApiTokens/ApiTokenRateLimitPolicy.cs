using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>
/// A fixed window per token id. The limiter runs after authorization, so the token is already known; a request that
/// reaches it without one (none should) is counted per client address instead. Rejections answer 429 with
/// Retry-After in whole seconds and a problem+json body. Retry-After is the framework's estimate, at most one window:
/// a client that waits that long never retries too early.
/// </summary>
internal sealed class ApiTokenRateLimitPolicy(IOptions<ApiRateLimitOptions> options) : IRateLimiterPolicy<string>
{
    private readonly ApiRateLimitOptions _options = options.Value;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var key = httpContext.User.FindFirstValue(ApiTokenClaims.TokenId) is { } tokenId
            ? "token:" + tokenId
            : "address:" + httpContext.Connection.RemoteIpAddress;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _options.PermitLimit,
            Window = _options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _options.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var response = context.HttpContext.Response;
        response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This token may make {_options.PermitLimit} requests every {_options.WindowSeconds} seconds. Retry after {seconds} seconds.");
    }
}
