namespace AiCtiPortal.Engine.Similarity;

/// <summary>Which reference TLSH behaviour to reproduce. Digests are identical for inputs of 256 bytes or more.</summary>
public enum TlshProfile
{
    /// <summary>TLSH 4.x: a digest from 50 bytes on, printed with the "T1" prefix.</summary>
    Modern,

    /// <summary>Debian's tlsh-tools 3.4.4: a digest only from 256 bytes on, printed without a prefix.</summary>
    Legacy,
}
