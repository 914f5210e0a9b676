using Npgsql;

namespace AiCtiPortal.Web.FunctionalTests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database per test class (aicti_test_&lt;guid&gt;), created through the admin connection in
/// AICTI_TEST_POSTGRES and dropped afterwards. An unreachable server fails the tests: CI must run them for real.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    public const string Variable = "AICTI_TEST_POSTGRES";
    public const string Default = "Host=localhost;Port=5432;Username=aicti;Password=aicti;Database=aicti";

    private readonly string _adminConnectionString;
    private readonly string _databaseName = $"aicti_test_{Guid.NewGuid():N}";

    private PostgresTestDatabase(string adminConnectionString)
    {
        _adminConnectionString = adminConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = _databaseName, Pooling = false }.ConnectionString;
    }

    public string Provider => "Postgres";

    public string ConnectionString { get; }

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "aicti-web-tests", Guid.NewGuid().ToString("N"));

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : Default;
        var database = new PostgresTestDatabase(admin);
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database._databaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var builder = new NpgsqlConnectionStringBuilder(admin);
            throw new InvalidOperationException(
                $"PostgreSQL for the functional tests is unreachable at {builder.Host}:{builder.Port} as {builder.Username} " +
                $"({ex.Message}). Start it (.ci/run does) or point {Variable} at a server where that role may create databases.", ex);
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Harmless leftovers in the temp folder.
        }
    }
}
