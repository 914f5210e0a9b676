namespace AiCtiPortal.Domain.Identity.ApiTokens;

/// <summary>What an API token may be used for. Stored as an integer of flags.</summary>
[Flags]
public enum ApiTokenScopes
{
    None = 0,

    /// <summary>Read published reports and indicators, up to the owner's TLP clearance.</summary>
    ReadCatalogue = 1,

    /// <summary>Download curated exports the owner's organisations may read.</summary>
    DownloadExports = 2,

    /// <summary>Report that an indicator was seen.</summary>
    ReportSightings = 4,

    /// <summary>Submit indicators for review, as their author.</summary>
    SubmitIndicators = 8,
}
