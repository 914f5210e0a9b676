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

public static class TlpLabels
{
    /// <summary>The label as TLP 2.0 writes it: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED.</summary>
    public static string Of(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "TLP:CLEAR",
        Tlp.Green => "TLP:GREEN",
        Tlp.Amber => "TLP:AMBER",
        Tlp.AmberStrict => "TLP:AMBER+STRICT",
        Tlp.Red => "TLP:RED",
        _ => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, "Not a TLP 2.0 level."),
    };
}
