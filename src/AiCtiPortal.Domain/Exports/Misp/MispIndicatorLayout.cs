using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Exports.Misp;

/// <summary>
/// One attribute of an indicator's layout. <paramref name="Relation"/> is the template's object_relation (null for a
/// plain attribute); the primary attribute carries the indicator itself (its comment, first/last seen and tags),
/// the others describe it.
/// </summary>
public sealed record MispAttributeSpec(
    string? Relation, string Type, string Category, string Value, bool ToIds, bool Primary, bool DisableCorrelation = false);

/// <summary>
/// How one indicator appears in an event: a plain attribute, or an object of a misp-objects template holding the
/// indicator's attribute beside the ones derived from it.
/// Types and categories are pairs MISP's describeTypes allows (category_type_mappings). to_ids is set where the value
/// can be matched literally against what a sensor or scanner sees (hashes, addresses, names of repositories,
/// datasets and packages). It is left off for pickle imports (a pickle spells module and name apart, so the
/// "module.name" string never occurs in the file) and for prompt and chat-template patterns, which are normalised
/// text matched loosely (case and whitespace), so an IDS rule built from the literal would miss variants.
/// </summary>
public sealed record MispIndicatorLayout(MispObjectTemplate? Template, IReadOnlyList<MispAttributeSpec> Attributes)
{
    private const string PayloadDelivery = "Payload delivery";
    private const string PayloadInstallation = "Payload installation";
    private const string NetworkActivity = "Network activity";
    private const string Other = "Other";

    public MispAttributeSpec Primary => Attributes.Single(a => a.Primary);

    public static MispIndicatorLayout For(IndicatorExport indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var v = indicator.NormalizedValue;
        return indicator.Type switch
        {
            IndicatorType.ModelFileSha256 or IndicatorType.DatasetSha256 => File("sha256", "sha256", PayloadDelivery, v, toIds: true),
            IndicatorType.ModelFileTlsh => File("tlsh", "tlsh", PayloadDelivery, v, toIds: true),
            IndicatorType.ModelFileSsdeep => File("ssdeep", "ssdeep", PayloadDelivery, v, toIds: true),
            IndicatorType.PickleImport or IndicatorType.ChatTemplatePattern =>
                File("pattern-in-file", "pattern-in-file", PayloadInstallation, v, toIds: false),
            IndicatorType.ModelHubRepository => ModelRepository(v),
            IndicatorType.DatasetIdentifier => Dataset(v),
            IndicatorType.PackageCoordinate => Plain("text", PayloadDelivery, v, toIds: true),
            IndicatorType.PromptInjectionPattern or IndicatorType.JailbreakPattern => Plain("text", PayloadDelivery, v, toIds: false),
            IndicatorType.Url => Plain("url", NetworkActivity, v, toIds: true),
            IndicatorType.Domain => Plain("domain", NetworkActivity, v, toIds: true),
            IndicatorType.IpAddress => Plain("ip-dst", NetworkActivity, v, toIds: true),
            _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator.Type, "No MISP mapping is defined for this indicator type."),
        };
    }

    private static MispIndicatorLayout Plain(string type, string category, string value, bool toIds) =>
        new(null, [new MispAttributeSpec(null, type, category, value, toIds, Primary: true)]);

    /// <summary>A file known by one hash or pattern; "state" (a value of the template's values_list) says why it is listed.</summary>
    private static MispIndicatorLayout File(string relation, string type, string category, string value, bool toIds) =>
        new(MispObjectTemplates.File,
        [
            new MispAttributeSpec(relation, type, category, value, toIds, Primary: true),
            new MispAttributeSpec("state", "text", Other, "Malicious", ToIds: false, Primary: false, DisableCorrelation: true),
        ]);

    /// <summary>
    /// hub/owner/name@revision as an ai-model-component. The template requires a version, so a reference without a
    /// revision (every revision of the repository) stays a plain attribute rather than gaining an invented one.
    /// </summary>
    private static MispIndicatorLayout ModelRepository(string value)
    {
        var (name, revision) = SplitRevision(value);
        if (revision is null)
        {
            return Plain("text", PayloadDelivery, value, toIds: true);
        }

        return new(MispObjectTemplates.AiModelComponent,
        [
            new MispAttributeSpec("model-identifier", "text", PayloadDelivery, value, ToIds: true, Primary: true),
            new MispAttributeSpec("model-name", "text", Other, name, ToIds: false, Primary: false),
            new MispAttributeSpec("model-version", "text", Other, revision, ToIds: false, Primary: false),
        ]);
    }

    /// <summary>
    /// A hub dataset as an ai-dataset-component named hub/owner/name, its revision as dataset-version. A DOI names no
    /// dataset (the template's required field), so it stays a plain link to its resolver, https://doi.org/{doi}.
    /// </summary>
    private static MispIndicatorLayout Dataset(string value)
    {
        if (value.StartsWith("10.", StringComparison.Ordinal))
        {
            var url = "https://doi.org/" + string.Join('/', value.Split('/').Select(Uri.EscapeDataString));
            return Plain("link", PayloadDelivery, url, toIds: true);
        }

        var (name, revision) = SplitRevision(value);
        List<MispAttributeSpec> attributes = [new("dataset-name", "text", PayloadDelivery, name, ToIds: true, Primary: true)];
        if (revision is not null)
        {
            attributes.Add(new("dataset-version", "text", Other, revision, ToIds: false, Primary: false));
        }

        return new(MispObjectTemplates.AiDatasetComponent, attributes);
    }

    private static (string Name, string? Revision) SplitRevision(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (value, null) : (value[..at], value[(at + 1)..]);
    }
}
