namespace AiCtiPortal.Domain.Taxonomy;

/// <summary>
/// Traffic Light Protocol 2.0 markings, ordered from least to most restricted so that a clearance is a ceiling:
/// a viewer cleared for Amber sees Clear, Green and Amber.
/// </summary>
public enum Tlp
{
    Clear = 0,
    Green = 1,
    Amber = 2,
    AmberStrict = 3,
    Red = 4,
}
