using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Tests.Exports.Misp;

/// <summary>
/// The rules of MISP's core format (draft-dulaunoy-misp-core-format) that an importing MISP enforces, checked on one
/// event document: the Event's required fields and their value sets, Orgc, tags, attributes (type and category from
/// describeTypes, value syntax of the hash and address types as MISP validates them, first/last seen order) and
/// objects (template uuid, version and meta-category, relations the template defines with the type it prescribes,
/// required relations, single relations not repeated), and uuids unique within the event.
/// Returns every problem found, as "path: problem".
/// </summary>
internal static partial class MispCoreFormat
{
    public static List<string> Validate(JsonNode? document)
    {
        var errors = new List<string>();
        if (document is not JsonObject root || root.Count != 1 || root["Event"] is not JsonObject misp)
        {
            errors.Add("$: the document must be an object holding exactly one \"Event\" object");
            return errors;
        }

        var uuids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Uuid(misp, "uuid", "Event", errors, uuids);
        NonEmpty(misp, "info", "Event", errors);
        Matches(misp, "date", "Event", DateRule(), errors, v => DateTime.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        OneOf(misp, "threat_level_id", "Event", ["1", "2", "3", "4"], errors);
        OneOf(misp, "analysis", "Event", ["0", "1", "2"], errors);
        OneOf(misp, "distribution", "Event", ["0", "1", "2", "3", "4"], errors);
        if ((string?)misp["distribution"] == "4" && misp["sharing_group_id"] is null)
        {
            errors.Add("Event.distribution: 4 (sharing group) needs a sharing_group_id");
        }

        Boolean(misp, "published", "Event", errors);
        Timestamp(misp, "timestamp", "Event", errors, required: true);
        Timestamp(misp, "publish_timestamp", "Event", errors, required: false);
        if (misp["Orgc"] is JsonObject orgc)
        {
            NonEmpty(orgc, "name", "Event.Orgc", errors);
            Uuid(orgc, "uuid", "Event.Orgc", errors, null);
        }
        else
        {
            errors.Add("Event.Orgc: missing");
        }

        Tags(misp, "Event", errors);
        foreach (var (attribute, i) in Items(misp, "Attribute", "Event", errors))
        {
            var path = $"Event.Attribute[{i}]";
            if (attribute.ContainsKey("object_relation"))
            {
                errors.Add($"{path}: an attribute outside an object has no object_relation");
            }

            Attribute(attribute, path, errors, uuids);
        }

        foreach (var (item, i) in Items(misp, "Object", "Event", errors))
        {
            Object(item, $"Event.Object[{i}]", errors, uuids);
        }

        return errors;
    }

    private static void Object(JsonObject item, string path, List<string> errors, HashSet<string> uuids)
    {
        Uuid(item, "uuid", path, errors, uuids);
        Timestamp(item, "timestamp", path, errors, required: true);
        OneOf(item, "distribution", path, ["0", "1", "2", "3", "4", "5"], errors);
        var name = (string?)item["name"];
        if (name is null || !MispReference.Templates.TryGetValue(name, out var template))
        {
            errors.Add($"{path}.name: '{name}' is not a template this check knows");
            return;
        }

        Equal(item, "meta-category", path, template.MetaCategory, errors);
        Equal(item, "template_uuid", path, template.Uuid, errors);
        Equal(item, "template_version", path, template.Version.ToString(CultureInfo.InvariantCulture), errors);
        var relations = new List<string>();
        foreach (var (attribute, i) in Items(item, "Attribute", path, errors))
        {
            var attributePath = $"{path}.Attribute[{i}]";
            Attribute(attribute, attributePath, errors, uuids);
            var relation = (string?)attribute["object_relation"];
            if (relation is null || !template.Relations.TryGetValue(relation, out var rule))
            {
                errors.Add($"{attributePath}.object_relation: '{relation}' is not a relation of template {name}");
                continue;
            }

            relations.Add(relation);
            if ((string?)attribute["type"] != rule.MispAttribute)
            {
                errors.Add($"{attributePath}.type: relation {relation} of {name} is of type {rule.MispAttribute}, not {attribute["type"]}");
            }

            if (rule.Categories is not null && !rule.Categories.Contains((string?)attribute["category"]))
            {
                errors.Add($"{attributePath}.category: relation {relation} of {name} allows {string.Join(", ", rule.Categories)}");
            }
        }

        if (relations.Count == 0)
        {
            errors.Add($"{path}.Attribute: an object holds at least one attribute");
        }

        foreach (var repeated in relations.GroupBy(r => r).Where(g => g.Count() > 1 && !template.Relations[g.Key].Multiple))
        {
            errors.Add($"{path}: relation {repeated.Key} of {name} is not multiple but appears {repeated.Count()} times");
        }

        foreach (var required in template.Required.Where(r => !relations.Contains(r)))
        {
            errors.Add($"{path}: template {name} requires {required}");
        }

        if (template.RequiredOneOf.Length > 0 && !template.RequiredOneOf.Any(relations.Contains))
        {
            errors.Add($"{path}: template {name} requires one of {string.Join(", ", template.RequiredOneOf)}");
        }
    }

    private static void Attribute(JsonObject attribute, string path, List<string> errors, HashSet<string> uuids)
    {
        Uuid(attribute, "uuid", path, errors, uuids);
        var type = (string?)attribute["type"];
        var category = (string?)attribute["category"];
        if (category is null || !MispReference.Categories.Contains(category))
        {
            errors.Add($"{path}.category: '{category}' is not a MISP category");
        }
        else if (type is null || !MispReference.CategoryTypes.TryGetValue(category, out var types) || !types.Contains(type))
        {
            errors.Add($"{path}: type '{type}' is not allowed in category '{category}' (describeTypes category_type_mappings)");
        }

        NonEmpty(attribute, "value", path, errors);
        if ((string?)attribute["value"] is { } value && type is not null && ValueProblem(type, value) is { } problem)
        {
            errors.Add($"{path}.value: {problem}");
        }

        Boolean(attribute, "to_ids", path, errors);
        OneOf(attribute, "distribution", path, ["0", "1", "2", "3", "4", "5"], errors);
        Timestamp(attribute, "timestamp", path, errors, required: true);
        if (attribute["comment"] is { } comment && comment.GetValueKind() != JsonValueKind.String)
        {
            errors.Add($"{path}.comment: must be a string");
        }

        if (attribute["disable_correlation"] is { } disable && disable.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add($"{path}.disable_correlation: must be a boolean");
        }

        var first = Seen(attribute, "first_seen", path, errors);
        var last = Seen(attribute, "last_seen", path, errors);
        if (first is not null && last is not null && last < first)
        {
            errors.Add($"{path}: last_seen is before first_seen");
        }

        Tags(attribute, path, errors);
    }

    /// <summary>The syntax MISP checks for the types with a fixed form (hashes, addresses); free text needs only a value.</summary>
    private static string? ValueProblem(string type, string value) => type switch
    {
        "md5" => Hex().IsMatch(value) && value.Length == 32 ? null : "md5 is 32 hexadecimal characters",
        "sha1" => Hex().IsMatch(value) && value.Length == 40 ? null : "sha1 is 40 hexadecimal characters",
        "sha256" => Hex().IsMatch(value) && value.Length == 64 ? null : "sha256 is 64 hexadecimal characters",
        "ssdeep" => Ssdeep().IsMatch(value) ? null : "ssdeep is blocksize:hash:hash",
        "tlsh" => Tlsh().IsMatch(value) ? null : "tlsh is an optional 't' and at least 35 hexadecimal characters",
        "ip-dst" => IPAddress.TryParse(value, out _) ? null : "not an IP address",
        "domain" or "hostname" => Domain().IsMatch(value) ? null : "not a domain name",
        "url" => Uri.TryCreate(value, UriKind.Absolute, out _) ? null : "not an absolute URL",
        "link" => Uri.TryCreate(value, UriKind.Absolute, out var link) && link.Scheme is "http" or "https" ? null : "a link is a web address",
        _ => null,
    };

    private static void Tags(JsonObject item, string path, List<string> errors)
    {
        if (item["Tag"] is null)
        {
            return;
        }

        foreach (var (tag, i) in Items(item, "Tag", path, errors))
        {
            NonEmpty(tag, "name", $"{path}.Tag[{i}]", errors);
        }
    }

    private static IEnumerable<(JsonObject Item, int Index)> Items(JsonObject parent, string name, string path, List<string> errors)
    {
        if (parent[name] is not JsonArray array)
        {
            errors.Add($"{path}.{name}: must be an array");
            yield break;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                yield return (item, i);
            }
            else
            {
                errors.Add($"{path}.{name}[{i}]: must be an object");
            }
        }
    }

    private static void Uuid(JsonObject item, string name, string path, List<string> errors, HashSet<string>? seen)
    {
        var value = StringOf(item, name);
        if (value is null || !Guid.TryParseExact(value, "D", out _))
        {
            errors.Add($"{path}.{name}: must be a uuid (8-4-4-4-12)");
        }
        else if (seen is not null && !seen.Add(value))
        {
            errors.Add($"{path}.{name}: uuid {value} is used twice in the event");
        }
    }

    private static void NonEmpty(JsonObject item, string name, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(StringOf(item, name)))
        {
            errors.Add($"{path}.{name}: must be a non-empty string");
        }
    }

    private static void OneOf(JsonObject item, string name, string path, string[] allowed, List<string> errors)
    {
        if (StringOf(item, name) is not { } value || !allowed.Contains(value))
        {
            errors.Add($"{path}.{name}: must be one of {string.Join(", ", allowed)} (as a string), not {item[name]?.ToJsonString() ?? "nothing"}");
        }
    }

    private static void Equal(JsonObject item, string name, string path, string expected, List<string> errors)
    {
        if (StringOf(item, name) != expected)
        {
            errors.Add($"{path}.{name}: must be {expected}, not {item[name]?.ToJsonString() ?? "nothing"}");
        }
    }

    private static void Boolean(JsonObject item, string name, string path, List<string> errors)
    {
        if (item[name]?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add($"{path}.{name}: must be a boolean");
        }
    }

    private static void Timestamp(JsonObject item, string name, string path, List<string> errors, bool required)
    {
        var value = StringOf(item, name);
        if (value is null ? required : !UnixSeconds().IsMatch(value))
        {
            errors.Add($"{path}.{name}: must be unix seconds as a string of digits");
        }
    }

    private static void Matches(JsonObject item, string name, string path, Regex rule, List<string> errors, Func<string, bool> check)
    {
        var value = StringOf(item, name);
        if (value is null || !rule.IsMatch(value) || !check(value))
        {
            errors.Add($"{path}.{name}: '{value}' does not have the required form");
        }
    }

    private static DateTimeOffset? Seen(JsonObject item, string name, string path, List<string> errors)
    {
        if (item[name] is null)
        {
            return null;
        }

        if (StringOf(item, name) is { } text && SeenRule().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return at;
        }

        errors.Add($"{path}.{name}: must be an ISO 8601 time with offset");
        return null;
    }

    private static string? StringOf(JsonObject item, string name) =>
        item[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [GeneratedRegex("^[0-9a-fA-F]+$")]
    private static partial Regex Hex();

    [GeneratedRegex(@"^[0-9]+:[0-9a-zA-Z/+]+:[0-9a-zA-Z/+]+$")]
    private static partial Regex Ssdeep();

    [GeneratedRegex("^[tT]?[0-9a-fA-F]{35,}$")]
    private static partial Regex Tlsh();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", RegexOptions.IgnoreCase)]
    private static partial Regex Domain();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DateRule();

    [GeneratedRegex("^[0-9]{1,12}$")]
    private static partial Regex UnixSeconds();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?([+-][0-9]{2}:[0-9]{2}|Z)$")]
    private static partial Regex SeenRule();
}
