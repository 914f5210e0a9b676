using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Exports.Sets;

/// <summary>Curators' changes to curated sets: validation, uniqueness, concurrency, audit and who may read what.</summary>
public abstract class CuratedSetStoreTests(ITestDatabases databases)
{
    private async Task<CuratedSetTestBed> BedAsync() => new(await databases.SharedMigratedAsync());

    [Fact]
    public async Task Curator_creates_a_set_stored_normalised_with_its_readers_and_an_audit_entry()
    {
        var bed = await BedAsync();
        await bed.TechniquesAsync(("AML.T0010", null));
        var curator = await bed.UserAsync(PortalRoles.Curator);
        var organisation = await bed.OrganisationAsync(Tlp.Amber);
        var draft = CuratedSetTestBed.Draft(organisation, organisation);
        var name = draft.Name;
        draft.Name = $"  {name}  ";
        draft.TechniqueIds = [" aml.t0010 ", "AML.T0010"];
        draft.IndicatorTypes = [IndicatorType.Url, IndicatorType.ModelFileSha256, IndicatorType.Url];
        draft.Phases = SupplyChainPhase.ModelArtifact | SupplyChainPhase.Dependencies;
        draft.MinConfidence = 40;
        draft.PublishedFrom = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

        var saved = await bed.Store.CreateAsync(draft, curator);

        await using var db = bed.Db();
        var set = await db.CuratedSets.Include(s => s.Readers).SingleAsync(s => s.Id == saved.Id);
        Assert.Equal(name, set.Name);
        Assert.Equal(["AML.T0010"], set.TechniqueIds);
        Assert.Equal([IndicatorType.ModelFileSha256, IndicatorType.Url], set.IndicatorTypes);
        Assert.Equal(SupplyChainPhase.ModelArtifact | SupplyChainPhase.Dependencies, set.Phases);
        Assert.Equal(DateTimeKind.Utc, set.PublishedFrom!.Value.Kind);
        Assert.Equal(organisation, Assert.Single(set.Readers).OrganisationId);
        Assert.Equal((curator, curator, CuratedSetTestBed.Now), (set.CreatedById, set.UpdatedById, set.CreatedAt));
        Assert.Equal(saved.ConcurrencyStamp, set.ConcurrencyStamp);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityId == saved.Id.ToString());
        Assert.Equal(("CuratedSet", "CuratedSet.Create", curator), (audit.EntityType, audit.Action, audit.ActorId));
        Assert.Contains("AML.T0010", audit.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_in_words_a_curator_can_act_on()
    {
        var bed = await BedAsync();
        var curator = await bed.UserAsync(PortalRoles.Curator);
        var draft = new CuratedSetDraft
        {
            Name = "   ",
            TlpCeiling = (Tlp)9,
            MinConfidence = 101,
            MinQualityScore = -1,
            PublishedFrom = CuratedSetTestBed.Now,
            PublishedTo = CuratedSetTestBed.Now.AddDays(-1),
        };

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Store.CreateAsync(draft, curator));

        Assert.Equal(
        [
            "Enter a name for the set.",
            "Choose a TLP ceiling: CLEAR, GREEN, AMBER, AMBER+STRICT or RED.",
            "Minimum confidence must be between 0 and 100 (it is 101).",
            "Minimum quality score must be between 0 and 100, or empty for no minimum (it is -1).",
            "The start of the publication range must be before its end.",
            "Choose at least one organisation that may read the set: a set nobody may read cannot be exported.",
        ], refused.Errors);
        await using var db = bed.Db();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ActorId == curator));
    }

    [Fact]
    public async Task Technique_ids_missing_from_the_ATLAS_catalogue_are_refused_by_name()
    {
        var bed = await BedAsync();
        await bed.TechniquesAsync(("AML.T0010", null));
        var curator = await bed.UserAsync(PortalRoles.Curator);
        var draft = CuratedSetTestBed.Draft(await bed.OrganisationAsync(Tlp.Green));
        draft.TechniqueIds = ["AML.T0010", "AML.T9999", "not-an-id"];

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Store.CreateAsync(draft, curator));

        var error = Assert.Single(refused.Errors);
        Assert.StartsWith("Not in the ATLAS catalogue: AML.T9999, NOT-AN-ID.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_are_unique_ignoring_case_and_archived_sets_keep_theirs()
    {
        var bed = await BedAsync();
        var (curator, organisation, first) = await bed.SavedSetAsync();
        var name = (await bed.Store.OpenAsync(first.Id, curator)).Draft.Name;
        await bed.Store.ArchiveAsync(first.Id, first.ConcurrencyStamp, curator);
        var again = CuratedSetTestBed.Draft(organisation);
        again.Name = name.ToUpperInvariant();

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Store.CreateAsync(again, curator));

        Assert.Equal([$"A curated set called \"{again.Name}\" already exists; choose another name."], refused.Errors);
    }

    [Fact]
    public async Task A_set_may_keep_its_own_name_when_it_is_edited()
    {
        var bed = await BedAsync();
        var (curator, _, saved) = await bed.SavedSetAsync();
        var editable = await bed.Store.OpenAsync(saved.Id, curator);
        editable.Draft.Name = editable.Draft.Name.ToUpperInvariant();
        editable.Draft.MinConfidence = 70;

        var updated = await bed.Store.UpdateAsync(saved.Id, editable.ConcurrencyStamp, editable.Draft, curator);

        Assert.NotEqual(saved.ConcurrencyStamp, updated.ConcurrencyStamp);
        Assert.Equal(70, (await bed.Store.OpenAsync(saved.Id, curator)).Draft.MinConfidence);
    }

    [Theory]
    [InlineData(PortalRoles.Contributor)]
    [InlineData(PortalRoles.Reviewer)]
    [InlineData(PortalRoles.Consumer)]
    public async Task Only_curators_may_create_change_archive_or_list_sets(string role)
    {
        var bed = await BedAsync();
        var (_, organisation, saved) = await bed.SavedSetAsync();
        var user = await bed.UserAsync(role);

        foreach (var attempt in new Func<Task>[]
        {
            () => bed.Store.CreateAsync(CuratedSetTestBed.Draft(organisation), user),
            () => bed.Store.UpdateAsync(saved.Id, saved.ConcurrencyStamp, CuratedSetTestBed.Draft(organisation), user),
            () => bed.Store.ArchiveAsync(saved.Id, saved.ConcurrencyStamp, user),
            () => bed.Store.ListAsync(user),
            () => bed.Store.OpenAsync(saved.Id, user),
        })
        {
            var refused = await Assert.ThrowsAsync<WorkflowRuleException>(attempt);
            Assert.Equal(CuratedSetStore.CuratorsOnly, refused.Message);
        }
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_the_newer_change_is_kept()
    {
        var bed = await BedAsync();
        var (curator, _, saved) = await bed.SavedSetAsync();
        var other = await bed.UserAsync(PortalRoles.Curator);
        var mine = await bed.Store.OpenAsync(saved.Id, curator);
        var theirs = await bed.Store.OpenAsync(saved.Id, other);
        theirs.Draft.MinConfidence = 80;
        await bed.Store.UpdateAsync(saved.Id, theirs.ConcurrencyStamp, theirs.Draft, other);
        mine.Draft.MinConfidence = 10;

        var conflict = await Assert.ThrowsAsync<WorkflowConflictException>(
            () => bed.Store.UpdateAsync(saved.Id, mine.ConcurrencyStamp, mine.Draft, curator));
        await Assert.ThrowsAsync<WorkflowConflictException>(() => bed.Store.ArchiveAsync(saved.Id, mine.ConcurrencyStamp, curator));

        Assert.Equal(CuratedSetStore.StaleEdit, conflict.Message);
        Assert.Equal(80, (await bed.Store.OpenAsync(saved.Id, curator)).Draft.MinConfidence);
    }

    [Fact]
    public async Task An_update_replaces_the_readers_and_records_before_and_after()
    {
        var bed = await BedAsync();
        var (curator, first, saved) = await bed.SavedSetAsync();
        var second = await bed.OrganisationAsync(Tlp.Green);
        var editable = await bed.Store.OpenAsync(saved.Id, curator);
        editable.Draft.ReaderIds = [second];
        editable.Draft.TlpCeiling = Tlp.Green;
        bed.Clock.UtcNow = CuratedSetTestBed.Now.AddHours(1);

        await bed.Store.UpdateAsync(saved.Id, editable.ConcurrencyStamp, editable.Draft, curator);

        await using var db = bed.Db();
        Assert.Equal([second], await db.CuratedSetReaders.Where(r => r.SetId == saved.Id).Select(r => r.OrganisationId).ToListAsync());
        Assert.Equal(CuratedSetTestBed.Now.AddHours(1), await db.CuratedSets.Where(s => s.Id == saved.Id).Select(s => s.UpdatedAt).SingleAsync());
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityId == saved.Id.ToString() && a.Action == "CuratedSet.Update");
        Assert.Contains(first.ToString(), audit.BeforeJson, StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER", audit.BeforeJson, StringComparison.Ordinal);
        Assert.Contains(second.ToString(), audit.AfterJson, StringComparison.Ordinal);
        Assert.Contains("TLP:GREEN", audit.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archiving_and_restoring_are_audited_and_archiving_twice_is_refused()
    {
        var bed = await BedAsync();
        var (curator, _, saved) = await bed.SavedSetAsync();

        var archived = await bed.Store.ArchiveAsync(saved.Id, saved.ConcurrencyStamp, curator);
        var twice = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Store.ArchiveAsync(saved.Id, archived.ConcurrencyStamp, curator));
        await bed.Store.RestoreAsync(saved.Id, archived.ConcurrencyStamp, curator);

        Assert.Equal("This set is already archived.", twice.Message);
        await using var db = bed.Db();
        var actions = await db.AuditEntries.Where(a => a.EntityId == saved.Id.ToString()).OrderBy(a => a.At).ThenBy(a => a.Action)
            .Select(a => a.Action).ToListAsync();
        Assert.Equal(["CuratedSet.Archive", "CuratedSet.Create", "CuratedSet.Restore"], actions.Order(StringComparer.Ordinal));
        Assert.False((await bed.Store.OpenAsync(saved.Id, curator)).IsArchived);
    }

    [Fact]
    public async Task Members_read_the_sets_shared_with_their_organisations_at_the_lower_ceiling()
    {
        var bed = await BedAsync();
        var consumer = await bed.UserAsync(PortalRoles.Consumer);
        var (curator, amberOrg, amberSet) = await bed.SavedSetAsync(d => d.TlpCeiling = Tlp.Red, clearance: Tlp.Amber);
        await using (var db = bed.Db())
        {
            db.OrganisationMemberships.Add(new OrganisationMembership { OrganisationId = amberOrg, UserId = consumer });
            await db.SaveChangesAsync();
        }

        var elsewhere = await bed.Store.CreateAsync(CuratedSetTestBed.Draft(await bed.OrganisationAsync(Tlp.Red)), curator);

        var readable = await bed.Store.ReadableByAsync(consumer);

        var set = Assert.Single(readable);
        Assert.Equal(amberSet.Id, set.Id);
        var via = Assert.Single(set.Via);
        Assert.Equal((amberOrg, Tlp.Amber), (via.Id, via.Ceiling));
        Assert.Contains(await bed.Store.ReadableByAsync(curator), s => s.Id == elsewhere.Id);
    }

    [Fact]
    public async Task Archived_sets_are_hidden_from_readers_and_cannot_be_resolved_for_them()
    {
        var bed = await BedAsync();
        var consumer = await bed.UserAsync(PortalRoles.Consumer);
        var (curator, organisation, saved) = await bed.SavedSetAsync();
        await using (var db = bed.Db())
        {
            db.OrganisationMemberships.Add(new OrganisationMembership { OrganisationId = organisation, UserId = consumer });
            await db.SaveChangesAsync();
        }

        Assert.Contains(await bed.Store.ReadableByAsync(consumer), s => s.Id == saved.Id);
        await bed.Store.ArchiveAsync(saved.Id, saved.ConcurrencyStamp, curator);

        Assert.DoesNotContain(await bed.Store.ReadableByAsync(consumer), s => s.Id == saved.Id);
        Assert.DoesNotContain(await bed.Store.ReadableByAsync(curator), s => s.Id == saved.Id);
        await Assert.ThrowsAsync<CuratedSetNotReadableException>(() => bed.Resolver.ForOrganisationAsync(saved.Id, organisation));
        await Assert.ThrowsAsync<CuratedSetNotReadableException>(() => bed.Resolver.ForMemberAsync(saved.Id, organisation, consumer));
        Assert.Equal(saved.Id, (await bed.Resolver.ForCuratorAsync(saved.Id, curator)).SetId);
        Assert.Contains(await bed.Store.ListAsync(curator), s => s.Id == saved.Id && s.IsArchived);
    }
}

public sealed class SqliteCuratedSetStoreTests(SqliteDatabases databases)
    : CuratedSetStoreTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresCuratedSetStoreTests(PostgresDatabases databases)
    : CuratedSetStoreTests(databases), IClassFixture<PostgresDatabases>;
