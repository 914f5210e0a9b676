using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Tests.Atlas;
using AiCtiPortal.Domain.Tests.Data;
using Npgsql;

namespace AiCtiPortal.Domain.Tests.Jobs;

/// <summary>The same scheduler on PostgreSQL, where the job store is clustered (every web instance is a node).</summary>
public sealed class AtlasImportJobPostgresTests(PostgresDatabases databases) : IClassFixture<PostgresDatabases>, IAsyncLifetime
{
    private JobsTestHost _host = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = databases.Unborn().ConnectionString;
        _host = await JobsTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _connectionString,
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Clustered_scheduler_on_postgres_imports_atlas()
    {
        var upload = await _host.UploadAsync(SharedAtlasFile.ReadText());

        var run = await _host.WaitForAsync(
            await _host.Launcher.EnqueueAtlasImportAsync(new AtlasImportRequest(upload, null), "curator-1", CancellationToken.None));

        Assert.Equal((JobRunStatus.Succeeded, "Imported ATLAS 5.6.0: 16 tactics, 170 techniques"), (run.Status, run.Message));
        Assert.Equal((16, 170, 1), await _host.CatalogueAsync());

        // A clustered node checks in to the shared state table under a generated instance id.
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state", connection);
        var instance = (string?)await command.ExecuteScalarAsync();
        Assert.False(string.IsNullOrEmpty(instance));
        Assert.NotEqual("NON_CLUSTERED", instance);
    }
}
