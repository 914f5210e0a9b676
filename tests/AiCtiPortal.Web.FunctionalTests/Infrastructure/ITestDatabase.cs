namespace AiCtiPortal.Web.FunctionalTests.Infrastructure;

/// <summary>A database of the test class's own: created before the host starts, removed after the class.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    /// <summary>"Sqlite" or "Postgres", as Database:Provider expects.</summary>
    string Provider { get; }

    /// <summary>Empty for SQLite, whose file lives in the data folder.</summary>
    string ConnectionString { get; }

    /// <summary>A temp folder for the SQLite file, data-protection keys and uploads.</summary>
    string DataFolder { get; }
}
