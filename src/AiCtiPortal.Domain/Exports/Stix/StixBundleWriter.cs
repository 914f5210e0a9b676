using System.Text.Json;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Stix;

/// <summary>
/// Writes a STIX 2.1 bundle object by object straight to a stream, so an export of a million indicators holds one
/// object in memory at a time. The bundle opens with the portal's identity and the five TLP 2.0 marking definitions;
/// every object carries its TLP marking and the portal as creator. Ids and timestamps come from the data, never from
/// the clock, so exporting the same data twice writes the same bytes.
/// </summary>
public sealed class StixBundleWriter : IAsyncDisposable
{
    /// <summary>Kill chain of the AI supply-chain phases, which the catalogue's indicators are organised by.</summary>
    public const string SupplyChainKillChain = "aicti-supply-chain";

    public const string AtlasSourceName = "mitre-atlas";

    private readonly Utf8JsonWriter _json;
    private readonly StixObjectWriter _objects;
    private bool _completed;

    public StixBundleWriter(Stream output, string bundleName)
    {
        ArgumentNullException.ThrowIfNull(output);
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = true });
        _json.WriteStartObject();
        _json.WriteString("type", "bundle");
        _json.WriteString("id", StixIds.Derived("bundle", bundleName));
        _json.WriteStartArray("objects");
        _objects = new StixObjectWriter(_json);
        _objects.WritePortalIdentity();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            _objects.WriteMarkingDefinition(tlp);
        }
    }

    public long ObjectCount => _objects.ObjectCount;

    public void WriteIndicator(IndicatorExport indicator) => _objects.WriteIndicator(indicator);

    /// <summary>A sighting when the indicator was seen: how often, and over which period.</summary>
    public void WriteSighting(IndicatorExport indicator) => _objects.WriteSighting(indicator);

    public void WriteAttackPattern(TechniqueExport technique) => _objects.WriteAttackPattern(technique);

    /// <summary>indicator "indicates" attack-pattern, marked like the indicator (the technique itself is public).</summary>
    public void WriteIndicates(Guid indicatorId, string atlasId, DateTime created, Tlp tlp) =>
        _objects.WriteIndicates(indicatorId, atlasId, created, tlp);

    public void WriteReport(ReportExport report) => _objects.WriteReport(report);

    /// <summary>Closes the bundle. Without it the output is not valid JSON, which is what an interrupted export should be.</summary>
    public async Task CompleteAsync(CancellationToken ct = default)
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _completed = true;
        await _json.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            // Leave the stream as it is: an unfinished bundle must not be mistaken for a complete one.
            await _json.FlushAsync();
        }

        await _json.DisposeAsync();
    }

    /// <summary>Flushes when the writer holds enough to be worth a write; callers call it between objects.</summary>
    public Task FlushIfFullAsync(CancellationToken ct) =>
        _json.BytesPending >= 64 * 1024 ? _json.FlushAsync(ct) : Task.CompletedTask;

    /// <summary>"ModelArtifact" and "ML Model Access" become "model-artifact" and "ml-model-access", as STIX recommends.</summary>
    public static string PhaseName(string name)
    {
        var result = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]) && result.Length > 0 && result[^1] != '-')
                {
                    result.Append('-');
                }

                result.Append(char.ToLowerInvariant(c));
            }
            else if (result.Length > 0 && result[^1] != '-')
            {
                result.Append('-');
            }
        }

        return result.ToString().Trim('-');
    }
}
