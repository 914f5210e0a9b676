using System.Text.Json;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Stix;

/// <summary>
/// TLP 2.0 in STIX 2.1: not predefined by the specification but published by OASIS as marking definitions with fixed
/// ids, carried through the TLP 2.0 extension definition. Every bundle includes all five, so a consumer never has to
/// resolve a marking the bundle references.
/// </summary>
public static class TlpMarkings
{
    public const string ExtensionDefinitionId = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /// <summary>The OASIS objects' own creation time; part of the published object, like its id.</summary>
    public const string Created = "2022-10-01T00:00:00.000Z";

    public static string IdOf(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        Tlp.Green => "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        Tlp.Amber => "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        Tlp.AmberStrict => "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        Tlp.Red => "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
        _ => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, "Not a TLP 2.0 level."),
    };

    /// <summary>The level as the extension spells it (tlp_2_0): clear, green, amber, amber+strict, red.</summary>
    public static string LevelOf(Tlp tlp) => tlp == Tlp.AmberStrict ? "amber+strict" : tlp.ToString().ToLowerInvariant();

    public static string NameOf(Tlp tlp) => TlpLabels.Of(tlp);

    public static void WriteDefinition(Utf8JsonWriter json, Tlp tlp)
    {
        json.WriteStartObject();
        json.WriteString("type", "marking-definition");
        json.WriteString("spec_version", "2.1");
        json.WriteString("id", IdOf(tlp));
        json.WriteString("created", Created);
        json.WriteString("name", NameOf(tlp));
        json.WriteStartObject("extensions");
        json.WriteStartObject(ExtensionDefinitionId);
        json.WriteString("extension_type", "property-extension");
        json.WriteString("tlp_2_0", LevelOf(tlp));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
