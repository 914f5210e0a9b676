using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>An assessor over the configured options, the clock and the ATLAS techniques as stored now.</summary>
public sealed class QualityAssessorFactory(IOptions<QualityOptions> options, TimeProvider time)
{
    public async Task<QualityAssessor> CreateAsync(PortalDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var techniques = await db.AtlasTechniques.AsNoTracking().Include(t => t.Tactics).ToListAsync(ct);
        return new QualityAssessor(options.Value, time, TechniqueTactics.From(techniques));
    }
}
