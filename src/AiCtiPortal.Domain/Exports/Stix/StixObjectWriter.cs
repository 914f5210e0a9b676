using System.Text.Json;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Stix;

/// <summary>
/// Writes single STIX 2.1 objects to a JSON writer the caller owns: the bundle writer puts them in a bundle's
/// "objects", the TAXII server in an envelope's. Every object carries its TLP marking and the portal as creator; ids
/// and timestamps come from the data, never from the clock, so the same data always gives the same bytes.
/// </summary>
public sealed class StixObjectWriter(Utf8JsonWriter json)
{
    /// <summary>The portal identity's own timestamps: fixed, as the identity never changes.</summary>
    public const string IdentityCreated = "2026-11-23T00:00:00.000Z";

    private readonly Utf8JsonWriter _json = json ?? throw new ArgumentNullException(nameof(json));

    /// <summary>Objects written so far (a sighting of an indicator never seen writes nothing and is not counted).</summary>
    public long ObjectCount { get; private set; }

    public void WriteMarkingDefinition(Tlp tlp)
    {
        TlpMarkings.WriteDefinition(_json, tlp);
        ObjectCount++;
    }

    public void WriteIndicator(IndicatorExport indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var created = StixTimestamps.ToMilliseconds(indicator.CreatedAt);
        var validFrom = StixTimestamps.ToMilliseconds(indicator.FirstSeen ?? indicator.CreatedAt);
        Begin("indicator", StixIds.Of("indicator", indicator.Id), created, indicator.UpdatedAt, indicator.Tlp);
        var info = IndicatorCatalogue.Describe(indicator.Type);
        _json.WriteString("name", $"{info.DisplayName}: {Shorten(indicator.NormalizedValue, 120)}");
        if (!string.IsNullOrWhiteSpace(indicator.Description))
        {
            _json.WriteString("description", indicator.Description);
        }

        WriteStrings("indicator_types", ["malicious-activity"]);
        _json.WriteString("pattern", StixPatterns.For(indicator.Type, indicator.NormalizedValue));
        _json.WriteString("pattern_type", "stix");
        _json.WriteString("pattern_version", "2.1");
        _json.WriteString("valid_from", StixTimestamps.Format(validFrom));
        if (indicator.ValidUntil is { } until && StixTimestamps.ToMilliseconds(until) > validFrom)
        {
            _json.WriteString("valid_until", StixTimestamps.Format(until));
        }

        WritePhases(indicator.Phases);
        _json.WriteNumber("confidence", Math.Clamp(indicator.Confidence, 0, 100));
        WriteStrings("labels", [$"aicti:{indicator.Type}"]);
        End();
    }

    /// <summary>A sighting when the indicator was seen: how often, and over which period.</summary>
    public void WriteSighting(IndicatorExport indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (indicator.SightingCount <= 0)
        {
            return;
        }

        var created = StixTimestamps.ToMilliseconds(indicator.CreatedAt);
        Begin("sighting", StixIds.Derived("sighting", indicator.Id.ToString("D")), created, indicator.UpdatedAt, indicator.Tlp);
        _json.WriteString("sighting_of_ref", StixIds.Of("indicator", indicator.Id));
        _json.WriteNumber("count", Math.Min(indicator.SightingCount, 999_999_999));
        if (indicator.FirstSeen is { } first)
        {
            _json.WriteString("first_seen", StixTimestamps.Format(first));
            if (indicator.LastSeen is { } last && last >= first)
            {
                _json.WriteString("last_seen", StixTimestamps.Format(last));
            }
        }

        End();
    }

    public void WriteAttackPattern(TechniqueExport technique)
    {
        ArgumentNullException.ThrowIfNull(technique);
        var released = StixTimestamps.ToMilliseconds(technique.ReleasedAt);
        Begin("attack-pattern", StixIds.AttackPattern(technique.AtlasId), released, released, Tlp.Clear);
        _json.WriteString("name", technique.Name);
        if (!string.IsNullOrWhiteSpace(technique.Description))
        {
            _json.WriteString("description", technique.Description);
        }

        _json.WriteStartArray("external_references");
        _json.WriteStartObject();
        _json.WriteString("source_name", StixBundleWriter.AtlasSourceName);
        _json.WriteString("external_id", technique.AtlasId);
        _json.WriteString("url", $"https://atlas.mitre.org/techniques/{Uri.EscapeDataString(technique.AtlasId)}");
        _json.WriteEndObject();
        _json.WriteEndArray();
        if (technique.TacticNames.Count > 0)
        {
            _json.WriteStartArray("kill_chain_phases");
            foreach (var tactic in technique.TacticNames)
            {
                WriteKillChainPhase(StixBundleWriter.AtlasSourceName, StixBundleWriter.PhaseName(tactic));
            }

            _json.WriteEndArray();
        }

        End();
    }

    /// <summary>indicator "indicates" attack-pattern, marked like the indicator (the technique itself is public).</summary>
    public void WriteIndicates(Guid indicatorId, string atlasId, DateTime created, Tlp tlp)
    {
        var source = StixIds.Of("indicator", indicatorId);
        var target = StixIds.AttackPattern(atlasId);
        var at = StixTimestamps.ToMilliseconds(created);
        Begin("relationship", StixIds.Derived("relationship", $"{source}|indicates|{target}"), at, at, tlp);
        _json.WriteString("relationship_type", "indicates");
        _json.WriteString("source_ref", source);
        _json.WriteString("target_ref", target);
        End();
    }

    public void WriteReport(ReportExport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var created = StixTimestamps.ToMilliseconds(report.CreatedAt);
        Begin("report", StixIds.Of("report", report.Id), created, report.UpdatedAt, report.Tlp);
        _json.WriteString("name", report.Title);
        if (!string.IsNullOrWhiteSpace(report.Summary))
        {
            _json.WriteString("description", report.Summary);
        }

        WriteStrings("report_types", ["threat-report"]);
        _json.WriteString("published", StixTimestamps.Format(report.PublishedAt));
        _json.WriteNumber("confidence", Math.Clamp(report.Confidence, 0, 100));
        WriteReviewScore(report);
        _json.WriteStartArray("object_refs");
        foreach (var id in report.IndicatorIds)
        {
            _json.WriteStringValue(StixIds.Of("indicator", id));
        }

        foreach (var atlasId in report.TechniqueIds)
        {
            _json.WriteStringValue(StixIds.AttackPattern(atlasId));
        }

        // A report must refer to something; one that documents nothing yet still names its author.
        if (report.IndicatorIds.Count == 0 && report.TechniqueIds.Count == 0)
        {
            _json.WriteStringValue(StixIds.PortalIdentity);
        }

        _json.WriteEndArray();
        var references = report.References.Where(r => Uri.TryCreate(r.Url, UriKind.Absolute, out _)).ToList();
        if (references.Count > 0)
        {
            _json.WriteStartArray("external_references");
            foreach (var reference in references)
            {
                _json.WriteStartObject();
                _json.WriteString("source_name", string.IsNullOrWhiteSpace(reference.Title) ? new Uri(reference.Url).Host : reference.Title);
                _json.WriteString("url", reference.Url);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
        }

        End();
    }

    /// <summary>
    /// The reviewers' rubric mean as custom properties (STIX 2.1 section 11.1). Not an opinion object: the OASIS bundle
    /// schema lists the object types a bundle may hold and opinion is not among them (nor note, grouping, location or
    /// incident), so a bundle with one fails validation, which Python's jsonschema confirms on the same schemas.
    /// </summary>
    private void WriteReviewScore(ReportExport report)
    {
        if (report.MeanReviewScore is { } score && report.ReviewCount > 0)
        {
            _json.WriteNumber("x_aicti_review_score", Math.Round(score, 2));
            _json.WriteNumber("x_aicti_review_count", report.ReviewCount);
        }
    }

    public void WritePortalIdentity()
    {
        _json.WriteStartObject();
        _json.WriteString("type", "identity");
        _json.WriteString("spec_version", "2.1");
        _json.WriteString("id", StixIds.PortalIdentity);
        _json.WriteString("created", IdentityCreated);
        _json.WriteString("modified", IdentityCreated);
        _json.WriteString("name", "AiCtiPortal");
        _json.WriteString("description", "Community-curated threat intelligence on attacks against AI systems.");
        _json.WriteString("identity_class", "system");
        _json.WriteEndObject();
        ObjectCount++;
    }

    private void Begin(string type, string id, DateTime created, DateTime modified, Tlp tlp)
    {
        var modifiedMs = StixTimestamps.ToMilliseconds(modified);
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WriteString("spec_version", "2.1");
        _json.WriteString("id", id);
        _json.WriteString("created_by_ref", StixIds.PortalIdentity);
        _json.WriteString("created", StixTimestamps.Format(created));
        _json.WriteString("modified", StixTimestamps.Format(modifiedMs < created ? created : modifiedMs));
        WriteStrings("object_marking_refs", [TlpMarkings.IdOf(tlp)]);
    }

    private void End()
    {
        _json.WriteEndObject();
        ObjectCount++;
    }

    private void WritePhases(SupplyChainPhase phases)
    {
        var set = SupplyChainPhases.Of(phases).ToList();
        if (set.Count == 0)
        {
            return;
        }

        _json.WriteStartArray("kill_chain_phases");
        foreach (var phase in set)
        {
            WriteKillChainPhase(StixBundleWriter.SupplyChainKillChain, StixBundleWriter.PhaseName(phase.ToString()));
        }

        _json.WriteEndArray();
    }

    private void WriteKillChainPhase(string chain, string phase)
    {
        _json.WriteStartObject();
        _json.WriteString("kill_chain_name", chain);
        _json.WriteString("phase_name", phase);
        _json.WriteEndObject();
    }

    private void WriteStrings(string name, IEnumerable<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteStringValue(value);
        }

        _json.WriteEndArray();
    }

    private static string Shorten(string value, int max) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
