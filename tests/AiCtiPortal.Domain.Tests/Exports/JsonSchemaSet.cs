using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Tests.Exports;

/// <summary>
/// A JSON Schema (2020-12) validator for the keywords the OASIS STIX 2.1 schemas use, written from the JSON Schema
/// specification because no 2020-12 validator restores from our package feed. A keyword it does not implement fails
/// validation loudly instead of being ignored, so a schema update cannot make it silently accept everything.
/// </summary>
internal sealed class JsonSchemaSet
{
    private static readonly HashSet<string> Annotations =
        ["$id", "$schema", "$comment", "title", "description", "definitions", "$defs", "format", "examples", "default"];

    private readonly Dictionary<Uri, JsonNode> _documents = [];
    private readonly Dictionary<string, Regex> _regexes = [];

    public JsonSchemaSet(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            var node = JsonNode.Parse(File.ReadAllText(file))!;
            _documents[new Uri(file)] = node;
            if (node["$id"]?.GetValue<string>() is { } id)
            {
                _documents[new Uri(id)] = node;
            }
        }
    }

    /// <summary>The schema document for a file such as "sdos/indicator.json", identified by its path.</summary>
    public Uri FileUri(string folder, string relative) => new(Path.GetFullPath(Path.Combine(folder, relative)));

    public IReadOnlyList<string> Validate(JsonNode? instance, Uri schemaDocument)
    {
        var errors = new List<string>();
        var (baseUri, schema) = Resolve(schemaDocument);
        Check(instance, schema, baseUri, "$", errors);
        return errors;
    }

    private (Uri Base, JsonNode Schema) Resolve(Uri reference)
    {
        var document = new Uri(reference.GetLeftPart(UriPartial.Query));
        if (!_documents.TryGetValue(document, out var root))
        {
            throw new InvalidOperationException($"Schema reference {reference} does not resolve to a loaded schema file.");
        }

        var docBase = root["$id"]?.GetValue<string>() is { } id ? new Uri(id) : document;
        var node = root;
        var fragment = Uri.UnescapeDataString(reference.Fragment.TrimStart('#'));
        foreach (var part in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                ?? throw new InvalidOperationException($"Schema reference {reference} names a missing part '{part}'.");
        }

        return (docBase, node);
    }

    private void Check(JsonNode? value, JsonNode schema, Uri baseUri, string path, List<string> errors)
    {
        if (schema is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
        {
            if (!allowed)
            {
                errors.Add($"{path}: no value is allowed here");
            }

            return;
        }

        var obj = schema.AsObject();
        if (obj["$id"]?.GetValue<string>() is { } id)
        {
            baseUri = new Uri(baseUri, id);
        }

        foreach (var (keyword, argument) in obj)
        {
            if (Annotations.Contains(keyword) || keyword is "then" or "else" or "properties" or "patternProperties")
            {
                continue;
            }

            switch (keyword)
            {
                case "$ref":
                    var (refBase, target) = Resolve(new Uri(baseUri, argument!.GetValue<string>()));
                    Check(value, target, refBase, path, errors);
                    break;
                case "type":
                    var types = argument is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [argument!.GetValue<string>()];
                    if (!types.Any(t => HasType(value, t)))
                    {
                        errors.Add($"{path}: expected {string.Join(" or ", types)}, found {KindOf(value)}");
                    }

                    break;
                case "enum":
                    if (!argument!.AsArray().Any(e => JsonNode.DeepEquals(e, value)))
                    {
                        errors.Add($"{path}: {value?.ToJsonString()} is not one of {argument.ToJsonString()}");
                    }

                    break;
                case "const":
                    if (!JsonNode.DeepEquals(argument, value))
                    {
                        errors.Add($"{path}: must equal {argument?.ToJsonString()}");
                    }

                    break;
                case "pattern":
                    if (value is JsonValue s && s.TryGetValue<string>(out var text) && !RegexOf(argument!.GetValue<string>()).IsMatch(text))
                    {
                        errors.Add($"{path}: '{text}' does not match {argument}");
                    }

                    break;
                case "minLength" or "maxLength":
                    if (value is JsonValue sv && sv.TryGetValue<string>(out var str))
                    {
                        var length = new StringInfo(str).LengthInTextElements;
                        var limit = argument!.GetValue<int>();
                        if (keyword == "minLength" ? length < limit : length > limit)
                        {
                            errors.Add($"{path}: length {length} breaks {keyword} {limit}");
                        }
                    }

                    break;
                case "minimum" or "maximum":
                    if (value is JsonValue nv && nv.TryGetValue<double>(out var number))
                    {
                        var bound = argument!.GetValue<double>();
                        if (keyword == "minimum" ? number < bound : number > bound)
                        {
                            errors.Add($"{path}: {number} breaks {keyword} {bound}");
                        }
                    }

                    break;
                case "required":
                    if (value is JsonObject o)
                    {
                        foreach (var name in argument!.AsArray().Select(n => n!.GetValue<string>()).Where(n => !o.ContainsKey(n)))
                        {
                            errors.Add($"{path}: required property '{name}' is missing");
                        }
                    }

                    break;
                case "minProperties":
                    if (value is JsonObject mo && mo.Count < argument!.GetValue<int>())
                    {
                        errors.Add($"{path}: needs at least {argument} properties");
                    }

                    break;
                case "additionalProperties":
                    if (value is JsonObject ao)
                    {
                        foreach (var (name, child) in ao.Where(p => !IsDeclared(obj, p.Key)))
                        {
                            Check(child, argument!, baseUri, $"{path}.{name}", errors);
                        }
                    }

                    break;
                case "propertyNames":
                    if (value is JsonObject po)
                    {
                        foreach (var name in po.Select(p => p.Key))
                        {
                            Check(JsonValue.Create(name), argument!, baseUri, $"{path}[name {name}]", errors);
                        }
                    }

                    break;
                case "items":
                    if (value is JsonArray items)
                    {
                        for (var i = 0; i < items.Count; i++)
                        {
                            Check(items[i], argument!, baseUri, $"{path}[{i}]", errors);
                        }
                    }

                    break;
                case "minItems":
                    if (value is JsonArray mi && mi.Count < argument!.GetValue<int>())
                    {
                        errors.Add($"{path}: needs at least {argument} items");
                    }

                    break;
                case "contains":
                    if (value is JsonArray ca && !ca.Any(item => Passes(item, argument!, baseUri)))
                    {
                        errors.Add($"{path}: no item matches the 'contains' schema");
                    }

                    break;
                case "allOf":
                    foreach (var sub in argument!.AsArray())
                    {
                        Check(value, sub!, baseUri, path, errors);
                    }

                    break;
                case "anyOf":
                    if (!argument!.AsArray().Any(sub => Passes(value, sub!, baseUri)))
                    {
                        errors.Add($"{path}: matches none of the anyOf alternatives{FirstReasons(value, argument.AsArray(), baseUri)}");
                    }

                    break;
                case "oneOf":
                    var matching = argument!.AsArray().Count(sub => Passes(value, sub!, baseUri));
                    if (matching != 1)
                    {
                        errors.Add($"{path}: matches {matching} of the oneOf alternatives, not exactly one{FirstReasons(value, argument.AsArray(), baseUri)}");
                    }

                    break;
                case "not":
                    if (Passes(value, argument!, baseUri))
                    {
                        errors.Add($"{path}: matches a schema it must not match: {argument!.ToJsonString()[..Math.Min(200, argument.ToJsonString().Length)]}");
                    }

                    break;
                case "if":
                    var branch = Passes(value, argument!, baseUri) ? obj["then"] : obj["else"];
                    if (branch is not null)
                    {
                        Check(value, branch, baseUri, path, errors);
                    }

                    break;
                default:
                    errors.Add($"{path}: the validator does not implement the keyword '{keyword}'");
                    break;
            }
        }

        if (value is JsonObject instance)
        {
            CheckProperties(instance, obj, baseUri, path, errors);
        }
    }

    private void CheckProperties(JsonObject instance, JsonObject schema, Uri baseUri, string path, List<string> errors)
    {
        foreach (var (name, child) in instance)
        {
            if (schema["properties"]?[name] is { } declared)
            {
                Check(child, declared, baseUri, $"{path}.{name}", errors);
            }

            if (schema["patternProperties"] is JsonObject patterns)
            {
                foreach (var (pattern, sub) in patterns.Where(p => RegexOf(p.Key).IsMatch(name)))
                {
                    Check(child, sub!, baseUri, $"{path}.{name}", errors);
                }
            }
        }
    }

    private bool IsDeclared(JsonObject schema, string name) =>
        schema["properties"]?[name] is not null
        || (schema["patternProperties"] is JsonObject patterns && patterns.Any(p => RegexOf(p.Key).IsMatch(name)));

    private bool Passes(JsonNode? value, JsonNode schema, Uri baseUri)
    {
        var errors = new List<string>();
        Check(value, schema, baseUri, "$", errors);
        return errors.Count == 0;
    }

    private string FirstReasons(JsonNode? value, JsonArray alternatives, Uri baseUri)
    {
        var reasons = alternatives.Select(sub =>
        {
            var errors = new List<string>();
            Check(value, sub!, baseUri, "$", errors);
            return errors.FirstOrDefault();
        }).Where(r => r is not null).Take(3);
        return $" ({string.Join("; ", reasons)})";
    }

    private Regex RegexOf(string pattern)
    {
        if (!_regexes.TryGetValue(pattern, out var regex))
        {
            // ECMA-262 semantics where .NET differs (\d and \w are ASCII-only there), unless the pattern needs more.
            try
            {
                regex = new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant);
            }
            catch (ArgumentException)
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant);
            }

            _regexes[pattern] = regex;
        }

        return regex;
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String,
        "boolean" => value is JsonValue b && b.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
        "number" => value is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number,
        "integer" => value is JsonValue i && i.GetValueKind() == System.Text.Json.JsonValueKind.Number && i.GetValue<double>() % 1 == 0,
        _ => throw new InvalidOperationException($"Unknown JSON Schema type '{type}'."),
    };

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind().ToString().ToLowerInvariant(),
        _ => "unknown",
    };
}
