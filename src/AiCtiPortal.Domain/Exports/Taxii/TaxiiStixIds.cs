namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>Reads STIX identifiers (type--uuid) given in filters and routes.</summary>
public static class TaxiiStixIds
{
    public static bool TryParse(string? id, out string type, out Guid uuid)
    {
        type = "";
        uuid = Guid.Empty;
        var separator = id?.IndexOf("--", StringComparison.Ordinal) ?? -1;
        if (id is null || separator <= 0 || id.Length > 300)
        {
            return false;
        }

        type = id[..separator];
        return type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && Guid.TryParseExact(id.AsSpan(separator + 2), "D", out uuid);
    }
}
