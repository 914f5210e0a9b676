using System.Text;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Flat;

/// <summary>
/// Indicators as CSV (RFC 4180: comma-separated, every field quoted, quotes doubled, CRLF line ends, UTF-8 without a
/// byte-order mark), one row per indicator, streamed. Text that a spreadsheet would run as a formula (a leading =, +,
/// -, @, tab or carriage return: prompt patterns can start that way) gets a leading apostrophe, as OWASP advises; the
/// JSON Lines export carries every value unaltered.
/// </summary>
public sealed class IndicatorCsvWriter(TextWriter output)
{
    public static readonly string[] Columns =
    [
        "id", "type", "value", "tlp", "confidence", "phases", "valid_from", "valid_until", "first_seen", "last_seen",
        "sightings", "created", "modified", "stix_pattern",
    ];

    public static IndicatorCsvWriter Create(Stream stream) =>
        new(new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" });

    public void WriteHeader() => WriteRow(Columns);

    public void Write(IndicatorExport indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        WriteRow(
        [
            StixIds.Of("indicator", indicator.Id), indicator.Type.ToString(), indicator.NormalizedValue, TlpLabels.Of(indicator.Tlp),
            indicator.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture), PhaseList(indicator.Phases),
            StixTimestamps.Format(indicator.FirstSeen ?? indicator.CreatedAt), Optional(indicator.ValidUntil),
            Optional(indicator.FirstSeen), Optional(indicator.LastSeen),
            indicator.SightingCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StixTimestamps.Format(indicator.CreatedAt), StixTimestamps.Format(indicator.UpdatedAt),
            StixPatterns.For(indicator.Type, indicator.NormalizedValue),
        ]);
    }

    public Task FlushAsync() => output.FlushAsync();

    /// <summary>Phases by name, separated by "|", in the enum's order.</summary>
    public static string PhaseList(SupplyChainPhase phases) =>
        string.Join('|', SupplyChainPhases.Of(phases));

    private static string Optional(DateTime? value) => value is { } v ? StixTimestamps.Format(v) : "";

    private void WriteRow(string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            output.Write('"');
            var field = fields[i];
            if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            {
                output.Write('\'');
            }

            output.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
            output.Write('"');
        }

        output.WriteLine();
    }
}
