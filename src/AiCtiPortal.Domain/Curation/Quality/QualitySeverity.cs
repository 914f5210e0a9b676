namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// How much a finding should worry a reviewer. Values are fixed (stored with results) and ordered so that sorting by
/// descending value puts errors first.
/// </summary>
public enum QualitySeverity
{
    /// <summary>Worth a look; the item is usable as it is.</summary>
    Info = 0,

    /// <summary>Weakens the item; a reviewer should ask for it to be fixed or accept it knowingly.</summary>
    Warning = 1,

    /// <summary>The item is wrong or unusable as stored (a value that fails the catalogue, a missing value).</summary>
    Error = 2,
}
