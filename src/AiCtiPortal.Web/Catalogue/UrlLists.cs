namespace AiCtiPortal.Web.Catalogue;

/// <summary>Comma-separated lists in query strings (phase=Data,Training), parsed leniently and written canonically.</summary>
internal static class UrlLists
{
    private const int MaxItems = 20;

    public static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(MaxItems);

    /// <summary>Names only: numbers would let "phase=63" smuggle in a combination of flags.</summary>
    public static List<T> Enums<T>(string? value) where T : struct, Enum =>
        Split(value)
            .Where(v => !v.Any(char.IsDigit) || !v.All(c => char.IsDigit(c) || c == '-'))
            .Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (T?)null)
            .OfType<T>()
            .Distinct()
            .ToList();

    public static string? Join<T>(IReadOnlyList<T> values) => values.Count == 0 ? null : string.Join(",", values);

    /// <summary>
    /// A relative link with its parameters escaped, except that list commas stay readable (phase=Data,Training):
    /// no list item contains a comma, and the free text (q) is escaped whole.
    /// </summary>
    public static string Uri(string path, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var query = string.Join("&", parameters.Select(p =>
        {
            var value = System.Uri.EscapeDataString(p.Value ?? "");
            return $"{p.Key}={(p.Key == "q" ? value : value.Replace("%2C", ",", StringComparison.Ordinal))}";
        }));
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    public static IReadOnlyList<T> Toggle<T>(IReadOnlyList<T> values, T value) =>
        values.Contains(value) ? values.Where(v => !EqualityComparer<T>.Default.Equals(v, value)).ToList() : [.. values, value];
}
