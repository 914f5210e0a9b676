using System.Text.Json;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Flat;

/// <summary>Indicators as JSON Lines: one JSON object per line (LF), the same fields as the CSV, values unaltered.</summary>
public sealed class IndicatorJsonLinesWriter(Stream output)
{
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    public void Write(IndicatorExport indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteString("id", StixIds.Of("indicator", indicator.Id));
            json.WriteString("type", indicator.Type.ToString());
            json.WriteString("value", indicator.NormalizedValue);
            json.WriteString("tlp", TlpLabels.Of(indicator.Tlp));
            json.WriteNumber("confidence", indicator.Confidence);
            json.WriteStartArray("phases");
            foreach (var phase in SupplyChainPhases.Of(indicator.Phases))
            {
                json.WriteStringValue(phase.ToString());
            }

            json.WriteEndArray();
            json.WriteString("valid_from", StixTimestamps.Format(indicator.FirstSeen ?? indicator.CreatedAt));
            WriteOptional(json, "valid_until", indicator.ValidUntil);
            WriteOptional(json, "first_seen", indicator.FirstSeen);
            WriteOptional(json, "last_seen", indicator.LastSeen);
            json.WriteNumber("sightings", indicator.SightingCount);
            json.WriteString("created", StixTimestamps.Format(indicator.CreatedAt));
            json.WriteString("modified", StixTimestamps.Format(indicator.UpdatedAt));
            json.WriteString("stix_pattern", StixPatterns.For(indicator.Type, indicator.NormalizedValue));
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, DateTime? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, StixTimestamps.Format(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
