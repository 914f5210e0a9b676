using AiCtiPortal.Domain.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.Security;

/// <summary>
/// Resolves the current viewer from the circuit's (or request's) authentication state. A page render asks several
/// times (the layout's notification bell, the page, its panels); the answer is reused for a few seconds so they cost
/// one clearance query, while a circuit open for hours still sees a membership change within that time.
/// </summary>
public sealed class ViewerAccessor(AuthenticationStateProvider authentication, IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(5);
    private (System.Security.Claims.ClaimsPrincipal User, DateTimeOffset At, Task<Viewer> Viewer)? _last;

    public async Task<Viewer> GetAsync(CancellationToken ct = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var now = clock.GetUtcNow();
        if (_last is { } last && ReferenceEquals(last.User, state.User) && now - last.At < Reuse && last.Viewer.IsCompletedSuccessfully)
        {
            return await last.Viewer;
        }

        var viewer = ResolveAsync(state, ct);
        _last = (state.User, now, viewer);
        return await viewer;
    }

    private async Task<Viewer> ResolveAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await TlpClearance.ResolveAsync(state.User, db, ct);
    }
}
