using System.Text.Json;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Misp;

/// <summary>
/// Writes one published report as one MISP event in MISP's core format, <c>{"Event": {...}}</c>, straight to a
/// stream. One event per document is the form every MISP import path takes: the REST endpoint /events/add reads one
/// event per request, the "Import from… MISP JSON" page reads the single-event files MISP's own JSON export writes,
/// and a MISP feed is one <c>{uuid}.json</c> file per event. A JSON array of events is none of these, and would have
/// to be held whole by the importer. So an export is a folder of such files (<see cref="MispEventFiles"/>), each
/// written and flushed on its own; within an event the writer flushes every 64 KiB, so memory stays bounded however
/// many indicators a report has.
/// Integers MISP stores as enumerations (threat_level_id, analysis, distribution) and timestamps are strings, as
/// MISP's own exports write them; ids and times come from the data, never the clock, so the same input gives the same
/// bytes. Text is escaped by <see cref="Utf8JsonWriter"/>, which also writes &lt; and &gt; as \u003C and \u003E, so a
/// report title cannot close a script element in a page that embeds the JSON.
/// </summary>
public sealed class MispEventWriter(MispExportOptions options)
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>analysis: 0 initial, 1 ongoing, 2 completed. A published report has been reviewed: completed.</summary>
    private const string AnalysisCompleted = "2";

    /// <summary>distribution 5: the attribute inherits the event's distribution.</summary>
    private const string InheritDistribution = "5";

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false };

    private readonly MispExportOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// The event's distribution from its TLP: CLEAR to all communities (3), GREEN to this community (1), AMBER,
    /// AMBER+STRICT and RED to the receiving organisation only (0). Sharing groups (4) are a receiver's own choice.
    /// </summary>
    public static string DistributionOf(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "3",
        Tlp.Green => "1",
        _ => "0",
    };

    public static string FileNameOf(MispEventInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return $"{MispIds.Event(input.Report.Id, input.Report.Version):D}.json";
    }

    public async Task<MispEventResult> WriteAsync(Stream output, MispEventInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        var report = input.Report;
        var eventUuid = MispIds.Event(report.Id, report.Version);
        var latest = Max(report.UpdatedAt, report.PublishedAt);
        int attributes = 0, objects = 0;

        await using var json = new Utf8JsonWriter(output, JsonOptions);
        json.WriteStartObject();
        json.WriteStartObject("Event");
        json.WriteString("uuid", eventUuid.ToString("D"));
        json.WriteString("info", MispText.Clean(string.IsNullOrWhiteSpace(report.Title) ? $"AiCtiPortal report {report.Id:D}" : report.Title));
        json.WriteString("date", MispTime.Date(report.PublishedAt));
        json.WriteString("threat_level_id", ((int)_options.ThreatLevel).ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("analysis", AnalysisCompleted);
        json.WriteString("distribution", DistributionOf(report.Tlp));
        json.WriteBoolean("published", true);
        json.WriteString("publish_timestamp", MispTime.Timestamp(report.PublishedAt));
        json.WriteStartObject("Orgc");
        json.WriteString("name", MispText.Clean(_options.Creator.Name));
        json.WriteString("uuid", _options.Creator.Uuid.ToString("D"));
        json.WriteEndObject();
        WriteTags(json, EventTags(input));

        json.WriteStartArray("Attribute");
        attributes += WriteReportAttributes(json, eventUuid, report);
        foreach (var indicator in input.Indicators)
        {
            var layout = MispIndicatorLayout.For(indicator);
            latest = Max(latest, indicator.UpdatedAt);
            if (layout.Template is null)
            {
                WriteAttribute(json, eventUuid, indicator, layout.Primary);
                attributes++;
                await FlushIfFullAsync(json, ct);
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("Object");
        foreach (var indicator in input.Indicators)
        {
            var layout = MispIndicatorLayout.For(indicator);
            if (layout.Template is { } template)
            {
                WriteObject(json, eventUuid, indicator, template, layout);
                objects++;
                attributes += layout.Attributes.Count;
                await FlushIfFullAsync(json, ct);
            }
        }

        json.WriteEndArray();

        // Last, once every attribute has been seen: MISP replaces a stored event only by a newer timestamp, so the
        // event's is the latest change of anything it holds.
        json.WriteString("timestamp", MispTime.Timestamp(latest));
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(ct);
        return new MispEventResult(eventUuid, attributes, objects);
    }

    private static IEnumerable<string> EventTags(MispEventInput input)
    {
        yield return MispTags.Tlp(input.Report.Tlp);
        foreach (var phase in SupplyChainPhases.Of(input.Phases))
        {
            yield return MispTags.Phase(phase);
        }

        var techniques = input.Techniques.DistinctBy(t => t.AtlasId).OrderBy(t => t.AtlasId, StringComparer.Ordinal).ToList();
        foreach (var technique in techniques)
        {
            yield return MispTags.AtlasTechnique(technique);
        }

        foreach (var technique in techniques)
        {
            yield return MispTags.AtlasId(technique);
        }
    }

    private static IEnumerable<string> IndicatorTags(IndicatorExport indicator)
    {
        yield return MispTags.Tlp(indicator.Tlp);
        yield return MispTags.IndicatorType(indicator.Type);
        foreach (var phase in SupplyChainPhases.Of(indicator.Phases))
        {
            yield return MispTags.Phase(phase);
        }
    }

    /// <summary>The summary as text, and each web reference as a link (MISP's link type takes only web addresses).</summary>
    private static int WriteReportAttributes(Utf8JsonWriter json, Guid eventUuid, ReportExport report)
    {
        var count = 0;
        var timestamp = MispTime.Timestamp(report.UpdatedAt);
        if (!string.IsNullOrWhiteSpace(report.Summary))
        {
            WriteReportAttribute(json, MispIds.ReportAttribute(eventUuid, "summary", ""), "text", "Other", report.Summary, "Summary of the report", timestamp);
            count++;
        }

        foreach (var reference in report.References.DistinctBy(r => r.Url, StringComparer.Ordinal))
        {
            if (Uri.TryCreate(reference.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                WriteReportAttribute(json, MispIds.ReportAttribute(eventUuid, "reference", reference.Url), "link", "External analysis",
                    reference.Url, reference.Title, timestamp);
                count++;
            }
        }

        return count;
    }

    private static void WriteReportAttribute(
        Utf8JsonWriter json, Guid uuid, string type, string category, string value, string? comment, string timestamp)
    {
        json.WriteStartObject();
        json.WriteString("uuid", uuid.ToString("D"));
        json.WriteString("type", type);
        json.WriteString("category", category);
        json.WriteString("value", MispText.Clean(value));
        json.WriteBoolean("to_ids", false);
        json.WriteString("distribution", InheritDistribution);
        json.WriteString("timestamp", timestamp);
        if (!string.IsNullOrWhiteSpace(comment))
        {
            json.WriteString("comment", MispText.Clean(comment));
        }

        json.WriteBoolean("disable_correlation", false);
        json.WriteEndObject();
    }

    private static void WriteObject(
        Utf8JsonWriter json, Guid eventUuid, IndicatorExport indicator, MispObjectTemplate template, MispIndicatorLayout layout)
    {
        json.WriteStartObject();
        json.WriteString("uuid", MispIds.Object(eventUuid, indicator.Id).ToString("D"));
        json.WriteString("name", template.Name);
        json.WriteString("meta-category", template.MetaCategory);
        json.WriteString("template_uuid", template.Uuid.ToString("D"));
        json.WriteString("template_version", template.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("timestamp", MispTime.Timestamp(indicator.UpdatedAt));
        json.WriteString("distribution", DistributionOf(indicator.Tlp));
        json.WriteString("comment", IndicatorCatalogue.Describe(indicator.Type).DisplayName);
        json.WriteStartArray("Attribute");
        foreach (var spec in layout.Attributes)
        {
            WriteAttribute(json, eventUuid, indicator, spec);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAttribute(Utf8JsonWriter json, Guid eventUuid, IndicatorExport indicator, MispAttributeSpec spec)
    {
        if (string.IsNullOrEmpty(spec.Value))
        {
            throw new ArgumentException($"Indicator {indicator.Id} has an empty value; MISP refuses attributes without one.", nameof(indicator));
        }

        json.WriteStartObject();
        json.WriteString("uuid", MispIds.Attribute(eventUuid, indicator.Id, spec.Relation ?? spec.Type).ToString("D"));
        if (spec.Relation is not null)
        {
            json.WriteString("object_relation", spec.Relation);
        }

        json.WriteString("type", spec.Type);
        json.WriteString("category", spec.Category);
        json.WriteString("value", MispText.Clean(spec.Value));
        json.WriteBoolean("to_ids", spec.ToIds);
        json.WriteString("distribution", DistributionOf(indicator.Tlp));
        json.WriteString("timestamp", MispTime.Timestamp(indicator.UpdatedAt));
        json.WriteBoolean("disable_correlation", spec.DisableCorrelation);
        if (spec.Primary)
        {
            if (!string.IsNullOrWhiteSpace(indicator.Description))
            {
                json.WriteString("comment", MispText.Clean(indicator.Description));
            }

            // MISP refuses a last_seen before first_seen; such a pair keeps only first_seen.
            if (indicator.FirstSeen is { } first)
            {
                json.WriteString("first_seen", MispTime.Seen(first));
            }

            if (indicator.LastSeen is { } last && (indicator.FirstSeen is not { } from || last >= from))
            {
                json.WriteString("last_seen", MispTime.Seen(last));
            }

            WriteTags(json, IndicatorTags(indicator));
        }
        else
        {
            WriteTags(json, [MispTags.Tlp(indicator.Tlp)]);
        }

        json.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter json, IEnumerable<string> names)
    {
        json.WriteStartArray("Tag");
        foreach (var name in names)
        {
            json.WriteStartObject();
            json.WriteString("name", MispText.Clean(name));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static Task FlushIfFullAsync(Utf8JsonWriter json, CancellationToken ct) =>
        json.BytesPending >= FlushThreshold ? json.FlushAsync(ct) : Task.CompletedTask;

    private static DateTime Max(DateTime a, DateTime b) => a >= b ? a : b;
}

/// <summary>What <see cref="MispEventWriter.WriteAsync"/> wrote: the event's uuid, its attributes (inside objects too) and objects.</summary>
public sealed record MispEventResult(Guid EventUuid, int Attributes, int Objects);
