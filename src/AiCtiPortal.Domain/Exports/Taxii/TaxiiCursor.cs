using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>
/// The position after the last object a page returned: its exact date added (in ticks, as the database holds it, so
/// equal timestamps never skip or repeat) and its id. Clients see it as an opaque base64url token; it is a keyset
/// position, never an offset, so objects added meanwhile neither shift nor duplicate what follows.
/// </summary>
public sealed record TaxiiCursor(DateTime DateAdded, string Id)
{
    public string Type => Id[..Id.IndexOf("--", StringComparison.Ordinal)];

    /// <summary>The uuid part of the id.</summary>
    public Guid Uuid => Guid.Parse(Id.AsSpan(Id.IndexOf("--", StringComparison.Ordinal) + 2));

    public static TaxiiCursor After(TaxiiEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new TaxiiCursor(entry.DateAdded, entry.Id);
    }

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{DateAdded.Ticks.ToString(CultureInfo.InvariantCulture)}|{Id}"));

    /// <summary>Null when the token is not one this server issued (a client error: 400).</summary>
    public static TaxiiCursor? TryDecode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 400)
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0
            || !long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks
            || !TaxiiStixIds.TryParse(text[(bar + 1)..], out _, out _))
        {
            return null;
        }

        return new TaxiiCursor(new DateTime(ticks, DateTimeKind.Utc), text[(bar + 1)..]);
    }
}
