namespace AiCtiPortal.Web.FunctionalTests.Infrastructure;

public sealed class SqliteTestDatabase : ITestDatabase
{
    public string Provider => "Sqlite";

    public string ConnectionString => "";

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "aicti-web-tests", Guid.NewGuid().ToString("N"));

    public ValueTask DisposeAsync()
    {
        // SQLite pools connections; clear them so the file can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run over it is not.
        }

        return ValueTask.CompletedTask;
    }
}
