using System.Globalization;
using System.Text;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>Wording shared by the findings' messages; only called when a finding is raised.</summary>
internal static class QualityText
{
    private const int MaxQuoted = 80;

    public static string Date(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A value quoted in a message, shortened: patterns may be thousands of characters long.</summary>
    public static string Quote(string value) =>
        value.Length <= MaxQuoted ? $"'{value}'" : $"'{value[..MaxQuoted]}…' ({value.Length:N0} characters)";

    /// <summary>ModelArtifact → "model artifact"; several phases joined with commas.</summary>
    public static string Phases(SupplyChainPhase phases)
    {
        var text = new StringBuilder();
        foreach (var phase in SupplyChainPhases.Of(phases))
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(phase == SupplyChainPhase.ModelArtifact ? "model artifact" : phase.ToString().ToLowerInvariant());
        }

        return text.Length == 0 ? "none" : text.ToString();
    }

    /// <summary>"a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    public static string Plural(int count, string one, string many) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
