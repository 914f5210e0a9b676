using System.Text.Json.Nodes;
using AiCtiPortal.Domain.Artifacts;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Reviews;
using AiCtiPortal.Engine.Artifacts.Policy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Artifacts;

/// <summary>Versions of the scan policy on a real database (SQLite and PostgreSQL through the derived classes).</summary>
public abstract class ScanPolicyStoreTests(ITestDatabases databases)
{
    /// <summary>A database of its own per test: version numbers are global, so tests must not see each other's.</summary>
    private async Task<(TestBed Bed, ScanPolicyStore Store)> BedAsync()
    {
        var settings = await TestContexts.MigrateAsync(await databases.CreateAsync());
        return (new TestBed(settings), new ScanPolicyStore(TestContexts.Factory(settings), TimeProvider.System));
    }

    [Fact]
    public async Task Without_saved_versions_the_current_policy_is_the_engines_built_in_default()
    {
        var (_, store) = await BedAsync();

        var current = await store.CurrentAsync();

        Assert.True(current.IsBuiltIn);
        Assert.Same(ArtifactPolicy.Default, current.Policy);
        Assert.Contains("\"deniedGlobals\"", current.Json);
        Assert.Empty(await store.HistoryAsync());
    }

    [Fact]
    public async Task A_curator_saves_a_valid_policy_as_version_1_and_scans_then_use_it()
    {
        var (bed, store) = await BedAsync();
        var curator = await bed.UserAsync(PortalRoles.Curator);

        var saved = await store.SaveAsync(DenyingTorch(), "Deny torch entirely for the incident.", curator, basedOn: 0);

        Assert.Equal(1, saved.Number);
        var current = await store.CurrentAsync();
        Assert.Equal(1, current.Number);
        Assert.Equal(GlobalVerdict.Denied, current.Policy.Classify("torch._utils", "_rebuild_tensor_v2").Verdict);
        Assert.Equal(GlobalVerdict.Allowed, ArtifactPolicy.Default.Classify("torch._utils", "_rebuild_tensor_v2").Verdict);
        var entry = Assert.Single(await store.HistoryAsync());
        Assert.Equal((1, curator, "Deny torch entirely for the incident."), (entry.Number, entry.AuthorId, entry.ChangeNote));
    }

    [Fact]
    public async Task An_invalid_policy_is_refused_with_every_problem_named_and_nothing_is_written()
    {
        var (bed, store) = await BedAsync();
        var curator = await bed.UserAsync(PortalRoles.Curator);
        var json = Edit(Default(), root =>
        {
            var denied = root["deniedGlobals"]!.AsArray();
            denied.Add(new JsonObject { ["pattern"] = "os system", ["reason"] = "Typo with a space." });
            denied.Add(new JsonObject { ["pattern"] = "socket.*", ["reason"] = "" });
        });

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => store.SaveAsync(json, "Broken", curator));
        var notJson = await Assert.ThrowsAsync<WorkflowRuleException>(() => store.SaveAsync("{ \"deniedGlobals\": [", null, curator));
        var noLists = await Assert.ThrowsAsync<WorkflowRuleException>(() => store.SaveAsync("{ \"name\": \"x\" }", null, curator));

        Assert.Contains(refused.Errors, e => e.Contains("os system", StringComparison.Ordinal) && e.Contains("spaces", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("socket.*", StringComparison.Ordinal) && e.Contains("reason", StringComparison.Ordinal));
        Assert.StartsWith("The policy is not valid JSON", Assert.Single(notJson.Errors));
        Assert.Contains("deniedGlobals", Assert.Single(noLists.Errors));
        await using var db = bed.Db();
        Assert.Equal(0, await db.ScanPolicyVersions.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == "ScanPolicy"));
        Assert.True((await store.CurrentAsync()).IsBuiltIn);
    }

    [Theory]
    [InlineData(PortalRoles.Contributor)]
    [InlineData(PortalRoles.Reviewer)]
    [InlineData(PortalRoles.Consumer)]
    public async Task Only_curators_may_change_the_policy(string role)
    {
        var (bed, store) = await BedAsync();
        var someone = await bed.UserAsync(role);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => store.SaveAsync(DenyingTorch(), null, someone));
        await Assert.ThrowsAsync<WorkflowRuleException>(() => store.RestoreAsync(0, null, someone));

        Assert.Contains("curators", refused.Message, StringComparison.Ordinal);
        await using var db = bed.Db();
        Assert.Equal(0, await db.ScanPolicyVersions.CountAsync());
    }

    [Fact]
    public async Task History_lists_versions_newest_first_and_a_restore_saves_an_old_version_as_the_newest()
    {
        var (bed, store) = await BedAsync();
        var curator = await bed.UserAsync(PortalRoles.Curator);
        var other = await bed.UserAsync(PortalRoles.Curator);
        await store.SaveAsync(DenyingTorch(), "First", curator);
        await store.SaveAsync(Default(), "Second", other);

        var restored = await store.RestoreAsync(1, null, curator, basedOn: 2);

        Assert.Equal(3, restored.Number);
        var history = await store.HistoryAsync();
        Assert.Equal([3, 2, 1], history.Select(h => h.Number));
        Assert.Equal(["Restored version 1.", "Second", "First"], history.Select(h => h.ChangeNote));
        Assert.Equal(other, history[1].AuthorId);
        Assert.Equal("Workflow test user", history[1].AuthorName);
        Assert.Equal((await store.VersionAsync(1))!.Json, (await store.CurrentAsync()).Json);
        Assert.Null(await store.VersionAsync(42));
    }

    [Fact]
    public async Task A_save_based_on_an_older_version_is_refused_as_a_conflict()
    {
        var (bed, store) = await BedAsync();
        var first = await bed.UserAsync(PortalRoles.Curator);
        var second = await bed.UserAsync(PortalRoles.Curator);
        await store.SaveAsync(DenyingTorch(), "Theirs", first, basedOn: 0);

        var conflict = await Assert.ThrowsAsync<WorkflowConflictException>(() => store.SaveAsync(Default(), "Mine", second, basedOn: 0));

        Assert.Contains("version 1", conflict.Message, StringComparison.Ordinal);
        Assert.Single(await store.HistoryAsync());
    }

    [Fact]
    public async Task Concurrent_saves_take_distinct_numbers_and_the_losers_get_a_clear_conflict()
    {
        var (bed, store) = await BedAsync();
        // One after another: the test bed creates the role row on first use, and that must not race.
        var curators = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            curators.Add(await bed.UserAsync(PortalRoles.Curator));
        }

        // No base version: each save reads the latest number and claims the next one, so only the unique index
        // stands between racing saves (separate stores, as on separate portal instances).
        var attempts = curators.Select(async (curator, i) =>
        {
            var separate = bed.SecondStore();
            try
            {
                return (Saved: (ScanPolicySaved?)await separate.SaveAsync(DenyingTorch(), $"Attempt {i}", curator), Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Saved: null, Error: e);
            }
        });
        var results = await Task.WhenAll(attempts);

        Assert.All(results.Where(r => r.Error is not null), r => Assert.IsType<WorkflowConflictException>(r.Error));
        var numbers = results.Where(r => r.Saved is not null).Select(r => r.Saved!.Number).ToList();
        Assert.NotEmpty(numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        await using var db = bed.Db();
        Assert.Equal(numbers.Count, await db.ScanPolicyVersions.CountAsync());
        Assert.Equal(numbers.Count, await db.AuditEntries.CountAsync(a => a.EntityType == "ScanPolicy"));
    }

    [Fact]
    public async Task Two_curators_editing_the_same_version_cannot_both_save()
    {
        var (bed, store) = await BedAsync();
        var first = await bed.UserAsync(PortalRoles.Curator);
        var second = await bed.UserAsync(PortalRoles.Curator);

        var results = await Task.WhenAll(
            Outcome(() => store.SaveAsync(DenyingTorch(), "One", first, basedOn: 0)),
            Outcome(() => bed.SecondStore().SaveAsync(Default(), "Two", second, basedOn: 0)));

        Assert.Single(results, r => r is null);
        Assert.IsType<WorkflowConflictException>(Assert.Single(results, r => r is not null));
        Assert.Single(await store.HistoryAsync());
    }

    [Fact]
    public async Task Saving_and_restoring_write_audit_entries()
    {
        var (bed, store) = await BedAsync();
        var curator = await bed.UserAsync(PortalRoles.Curator);

        await store.SaveAsync(DenyingTorch(), "Deny torch", curator);
        await store.RestoreAsync(0, "Back to the default", curator);

        await using var db = bed.Db();
        var entries = await db.AuditEntries.Where(a => a.EntityType == "ScanPolicy").OrderBy(a => a.EntityId).ToListAsync();
        Assert.Equal(["ScanPolicy.Save", "ScanPolicy.Restore"], entries.Select(e => e.Action));
        Assert.Equal(["1", "2"], entries.Select(e => e.EntityId));
        Assert.All(entries, e => Assert.Equal(curator, e.ActorId));
        Assert.Contains("\"version\":1", entries[1].BeforeJson, StringComparison.Ordinal);
        Assert.Contains("Back to the default", entries[1].AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_parsed_policy_is_reused_until_a_newer_version_exists_even_one_saved_elsewhere()
    {
        var (bed, store) = await BedAsync();
        var curator = await bed.UserAsync(PortalRoles.Curator);
        await store.SaveAsync(DenyingTorch(), null, curator);

        var first = await store.CurrentAsync();
        Assert.Same(first, await store.CurrentAsync());

        // Another portal instance saves: this one's next read sees it, though its own cache never heard of it.
        await bed.SecondStore().SaveAsync(Default(), null, curator);
        var next = await store.CurrentAsync();
        Assert.Equal(2, next.Number);
        Assert.Equal(GlobalVerdict.Allowed, next.Policy.Classify("torch._utils", "_rebuild_tensor_v2").Verdict);
    }

    private static async Task<Exception?> Outcome(Func<Task> save)
    {
        try
        {
            await save();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    internal static string Default() => ScanPolicyStoreTestPolicies.Default();

    internal static string DenyingTorch() => ScanPolicyStoreTestPolicies.DenyingTorch();

    private static string Edit(string json, Action<JsonObject> edit) => ScanPolicyStoreTestPolicies.Edit(json, edit);

    /// <summary>People in roles on the test's database, and stores that share nothing with the test's own.</summary>
    private sealed class TestBed(PortalDatabaseSettings settings)
    {
        private readonly WorkflowTestBed _people = new(settings);

        public Task<string> UserAsync(string role) => _people.UserAsync(role);

        public PortalDbContext Db() => _people.Db();

        /// <summary>Another store on the same database, as another portal instance would hold.</summary>
        public ScanPolicyStore SecondStore() => new(TestContexts.Factory(settings), TimeProvider.System);
    }
}

/// <summary>Policy documents for the tests, derived from the engine's built-in default.</summary>
internal static class ScanPolicyStoreTestPolicies
{
    public static string Default()
    {
        using var stream = typeof(ArtifactPolicy).Assembly.GetManifestResourceStream("AiCtiPortal.Engine.Artifacts.Policy.default-policy.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The default plus a deny rule for all of torch, which the default allows parts of.</summary>
    public static string DenyingTorch() => Edit(Default(), root =>
        root["deniedGlobals"]!.AsArray().Add(new JsonObject { ["pattern"] = "torch.*", ["reason"] = "Incident response: no torch globals at all." }));

    public static string Edit(string json, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }
}

public sealed class SqliteScanPolicyStoreTests(SqliteDatabases databases)
    : ScanPolicyStoreTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresScanPolicyStoreTests(PostgresDatabases databases)
    : ScanPolicyStoreTests(databases), IClassFixture<PostgresDatabases>;
