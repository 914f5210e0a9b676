namespace AiCtiPortal.Domain.Data.Configurations;

/// <summary>
/// Column limits shared by the entity configurations and the hand-written migrations, so the two cannot drift
/// apart silently (the schema test compares them as well).
/// </summary>
internal static class ColumnLengths
{
    public const int Title = 200;
    public const int Name = 200;
    public const int Summary = 2000;
    public const int Description = 2000;
    public const int Body = 200_000;
    public const int IndicatorValue = 8192;
    public const int Url = 2048;

    /// <summary>SHA-256 as lower-case hex.</summary>
    public const int Sha256Hex = 64;

    /// <summary>Enum names stored as strings (ContentStatus, IndicatorType, JobRunStatus).</summary>
    public const int EnumName = 32;

    /// <summary>ATLAS ids such as AML.T0010.001 or AML.TA0002.</summary>
    public const int AtlasId = 32;

    public const int JobName = 100;

    /// <summary>Identity's own key length for user ids kept outside a foreign key (IdentityUser.Id is a GUID string).</summary>
    public const int UserReference = 450;

    /// <summary>Audit entity kinds and actions ("Report", "Review.RequestChanges").</summary>
    public const int AuditName = 64;

    /// <summary>Audit entity ids: GUIDs or ATLAS ids as text.</summary>
    public const int AuditEntityId = 64;
}
