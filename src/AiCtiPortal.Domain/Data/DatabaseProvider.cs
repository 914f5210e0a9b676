namespace AiCtiPortal.Domain.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: one file in the data folder.</summary>
    Sqlite,
    Postgres,
}
