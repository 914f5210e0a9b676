namespace AiCtiPortal.Domain.Catalogue;

/// <summary>Configuration section "Catalogue".</summary>
public sealed class CatalogueSearchOptions
{
    public const string Section = "Catalogue";

    /// <summary>
    /// How long facet counts and totals of one search are reused (zero turns reuse off). Counting scans every
    /// matching row, which at 100,000 reports costs hundreds of milliseconds on SQLite, while paging through the same
    /// search or many readers opening the same page need the same numbers. A new publication invalidates at once
    /// (the key includes the newest publication time); edits and withdrawals show within this lifetime.
    /// </summary>
    public TimeSpan FacetCacheLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Distinct searches kept; the oldest are dropped beyond this.</summary>
    public int FacetCacheEntries { get; set; } = 2000;
}
