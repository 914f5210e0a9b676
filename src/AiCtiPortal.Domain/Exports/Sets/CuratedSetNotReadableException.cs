namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>
/// The set cannot be read by this reader: it does not exist, is archived, or is not shared with the organisation.
/// One message for all three, so a caller learns nothing about sets it may not read (answer 404 or 403).
/// </summary>
public sealed class CuratedSetNotReadableException()
    : Exception("This curated set does not exist, is archived, or is not shared with your organisation.");
