namespace AiCtiPortal.Domain.Curation.Quality.Storage;

/// <summary>What a stored assessment is about. Stored by name, so the values may be reordered freely.</summary>
public enum QualityItemKind
{
    Report,
    Indicator,
}
