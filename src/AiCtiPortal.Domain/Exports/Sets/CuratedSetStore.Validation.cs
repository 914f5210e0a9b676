using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Sets;

public sealed partial class CuratedSetStore
{
    /// <summary>Every problem at once (form checks, then the name, techniques and organisations against the database).</summary>
    private static async Task ValidateAsync(PortalDbContext db, CuratedSetDraft draft, Guid? exceptId, CancellationToken ct)
    {
        var errors = CuratedSetRules.Check(draft);
        if (draft.Name.Length is > 0 and <= CuratedSet.MaxNameLength && await IsNameTakenAsync(db, draft.Name, exceptId, ct))
        {
            errors.Add(NameTaken(draft.Name));
        }

        if (draft.TechniqueIds.Count is > 0 and <= CuratedSet.MaxTechniques)
        {
            var ids = draft.TechniqueIds;
            var known = await db.AtlasTechniques.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
            var unknown = ids.Except(known, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                errors.Add(await db.AtlasTechniques.AnyAsync(ct)
                    ? $"Not in the ATLAS catalogue: {string.Join(", ", unknown)}. Use technique ids such as AML.T0010 from the ATLAS page."
                    : "The ATLAS catalogue is empty, so techniques cannot be checked; import ATLAS (Admin, Jobs) or leave techniques out.");
            }
        }

        if (draft.ReaderIds.Count > 0)
        {
            var ids = draft.ReaderIds;
            var existing = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).CountAsync(ct);
            if (existing != ids.Count)
            {
                errors.Add("One of the chosen organisations no longer exists; reload the page and choose again.");
            }
        }

        if (errors.Count > 0)
        {
            throw new WorkflowRuleException(errors);
        }
    }

    /// <summary>Names are unique ignoring case, archived sets included, so an export's name never means two things.</summary>
    private static Task<bool> IsNameTakenAsync(PortalDbContext db, string name, Guid? exceptId, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower() on both providers; string.Equals with a comparison it does not.
        return db.CuratedSets.AnyAsync(s => s.Id != exceptId && s.Name.ToLower() == lower, ct);
#pragma warning restore CA1862
    }
}
