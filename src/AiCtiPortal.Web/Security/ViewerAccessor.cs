using AiCtiPortal.Domain.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.Security;

/// <summary>Resolves the current viewer from the circuit's (or request's) authentication state.</summary>
public sealed class ViewerAccessor(AuthenticationStateProvider authentication, IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<Viewer> GetAsync(CancellationToken ct = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await TlpClearance.ResolveAsync(state.User, db, ct);
    }
}
