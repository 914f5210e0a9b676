using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Identity.ApiTokens;

/// <summary>A token service on a migrated database with a clock the test moves, and helpers for people and organisations.</summary>
internal sealed class ApiTokenTestBed(PortalDatabaseSettings settings)
{
    private readonly WorkflowTestBed _people = new(settings);

    public ManualClock Clock { get; } = new(new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc));

    public ApiTokenService Service => new(TestContexts.Factory(settings), Clock);

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public PortalDbContext Db() => TestContexts.Create(settings);

    public Task<string> UserAsync(params string[] roles) => _people.UserAsync(roles);

    public ApiTokenRequest Request(ApiTokenScopes scopes, TimeSpan? lifetime = null, string name = "SIEM connector") =>
        new(name, scopes, Now + (lifetime ?? ApiTokenService.DefaultLifetime));

    public async Task<Guid> OrganisationAsync(Tlp clearance, params string[] memberIds)
    {
        await using var db = Db();
        var organisation = new Organisation { Name = $"Org {Guid.NewGuid():N}", Clearance = clearance };
        db.Organisations.Add(organisation);
        foreach (var member in memberIds)
        {
            db.OrganisationMemberships.Add(new OrganisationMembership { OrganisationId = organisation.Id, UserId = member });
        }

        await db.SaveChangesAsync();
        return organisation.Id;
    }

    public async Task<ApiToken> RowAsync(Guid id)
    {
        await using var db = Db();
        return await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id);
    }
}

/// <summary>A clock that stands still until a test moves it.</summary>
internal sealed class ManualClock(DateTime start) : TimeProvider
{
    private DateTime _now = start;

    public override DateTimeOffset GetUtcNow() => new(_now);

    public void Advance(TimeSpan by) => _now += by;
}
