namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// The fingerprints of one input: lowercase hex SHA-256, TLSH (null when undefined for the input) and ssdeep.
/// </summary>
public sealed record FileFingerprint(string Sha256, TlshDigest? Tlsh, SsdeepSignature Ssdeep, long Length);
