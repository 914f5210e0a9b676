namespace AiCtiPortal.Domain.Reviews;

/// <summary>Configuration section "Review": how many approvals publish a report.</summary>
public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>Approvals on the current version that publish a report above TLP:CLEAR.</summary>
    public int Quorum { get; set; } = 1;

    /// <summary>Approvals needed before a TLP:CLEAR report is published, since anyone on the internet will read it.</summary>
    public int ClearQuorum { get; set; } = 2;
}
