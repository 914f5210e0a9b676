using System.Text;
using System.Text.Json.Nodes;
using AiCtiPortal.Domain.Exports.Misp;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Tests.Exports.Misp;

/// <summary>Reports and indicators for the MISP tests, built from the catalogue's own examples.</summary>
internal static class MispTestData
{
    public static readonly DateTime Created = new(2026, 3, 1, 8, 30, 15, 123, DateTimeKind.Utc);

    public static readonly Guid ReportId = new("11111111-1111-4111-8111-111111111111");

    public static MispExportOptions Options { get; } =
        new(new MispOrganisation("AiCtiPortal community", new Guid("22222222-2222-4222-8222-222222222222")));

    public static TechniqueExport SupplyChainModel { get; } = new("AML.T0010.003", "Model", "Adversaries compromise models.",
        ["Initial Access"], new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc));

    public static TechniqueExport UserExecution { get; } = new("AML.T0011", "User Execution", "Users run unsafe artifacts.",
        ["Execution"], new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc));

    public static IndicatorExport Indicator(int i, IndicatorType type, string? value = null, Tlp tlp = Tlp.Green)
    {
        var info = IndicatorCatalogue.Describe(type);
        var normalized = IndicatorCatalogue.Validate(type, value ?? info.Example).NormalizedValue
            ?? throw new InvalidOperationException($"'{value ?? info.Example}' is not a valid {type}.");
        return new IndicatorExport(
            new Guid($"00000000-0000-4000-8000-{i:D12}"), type, normalized, $"Example {info.DisplayName}.", info.DefaultPhases, tlp,
            40 + (i % 60), Created, Created.AddDays(i % 7), i % 2 == 0 ? Created.AddDays(-3) : null, i % 2 == 0 ? Created.AddDays(2) : null,
            null, i % 4);
    }

    /// <summary>One indicator of every catalogue type, plus the variants that change the MISP layout.</summary>
    public static List<IndicatorExport> OneOfEachType()
    {
        var list = IndicatorCatalogue.Types.Select((info, i) => Indicator(i, info.Type, tlp: (Tlp)(i % 5))).ToList();
        var next = list.Count;
        list.Add(Indicator(next++, IndicatorType.ModelHubRepository, "huggingface/acme-research/sentiment-bert"));
        list.Add(Indicator(next++, IndicatorType.DatasetIdentifier, "huggingface/acme-research/reviews-2024"));
        list.Add(Indicator(next, IndicatorType.DatasetIdentifier, "doi:10.5281/zenodo.1234567"));
        return list;
    }

    public static ReportExport Report(
        IReadOnlyList<IndicatorExport> indicators, Tlp tlp = Tlp.Green, int version = 2, string title = "Pickle-armed checkpoints on a model hub",
        string summary = "Checkpoints that run commands when loaded.") =>
        new(ReportId, version, title, summary, tlp, 80, Created, Created.AddDays(4), Created.AddDays(5),
            indicators.Select(i => i.Id).ToList(), ["AML.T0010.003", "AML.T0011"],
            [
                new ReferenceExport("https://atlas.mitre.org/techniques/AML.T0010.003", "MITRE ATLAS"),
                new ReferenceExport("not a url", null),
                new ReferenceExport("ftp://files.example.net/report.pdf", "Not a web address"),
            ],
            4.2, 2);

    public static MispEventInput Input(IReadOnlyList<IndicatorExport> indicators, Tlp tlp = Tlp.Green, int version = 2) =>
        new(Report(indicators, tlp, version), SupplyChainPhase.ModelArtifact | SupplyChainPhase.Dependencies, indicators,
            [UserExecution, SupplyChainModel, UserExecution]);

    public static async Task<byte[]> WriteAsync(MispEventInput input)
    {
        using var output = new MemoryStream();
        await new MispEventWriter(Options).WriteAsync(output, input);
        return output.ToArray();
    }

    public static async Task<JsonObject> EventAsync(MispEventInput input) =>
        JsonNode.Parse(Encoding.UTF8.GetString(await WriteAsync(input)))!["Event"]!.AsObject();

    public static IEnumerable<JsonObject> Attributes(JsonObject misp) => misp["Attribute"]!.AsArray().Select(a => a!.AsObject());

    public static IEnumerable<JsonObject> Objects(JsonObject misp) => misp["Object"]!.AsArray().Select(o => o!.AsObject());

    /// <summary>Every attribute, top-level and inside objects.</summary>
    public static IEnumerable<JsonObject> AllAttributes(JsonObject misp) =>
        Attributes(misp).Concat(Objects(misp).SelectMany(o => o["Attribute"]!.AsArray().Select(a => a!.AsObject())));

    public static List<string> TagNames(JsonObject item) => item["Tag"]!.AsArray().Select(t => (string)t!["name"]!).ToList();
}
