using System.Text;
using System.Text.Json;
using AiCtiPortal.Engine.Artifacts.Policy;

namespace AiCtiPortal.Engine.Artifacts.Keras;

/// <summary>
/// Inspects a Keras v3 config.json: Lambda layers carry marshalled Python bytecode, and "module"/"registered_name"
/// name what the loader imports; anything outside the policy's Keras allow-list is reported.
/// </summary>
internal static class KerasConfigInspector
{
    private const int MaxDepth = 64;

    // Names whose presence in marshalled bytecode means the lambda reaches the OS, not just tensors.
    private static readonly string[] DangerousNames =
        ["system", "popen", "subprocess", "exec", "eval", "__import__", "compile", "socket", "getattr", "open", "os", "builtins", "urlopen", "requests"];

    public static void Inspect(ScanContext ctx, byte[] json, string member)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            ctx.Add(Severity.Medium, FindingCodes.KerasMalformed, "Keras config is not valid JSON", e.Message, member, e.BytePositionInLine ?? 0);
            return;
        }

        using (document)
        {
            try
            {
                Walk(ctx, document.RootElement, member, layer: null, depth: 0);
            }
            catch (InvalidOperationException e)
            {
                // JsonDocument checks structure eagerly but string encoding only when a string is read.
                ctx.Add(Severity.Medium, FindingCodes.KerasMalformed, "Keras config holds invalid UTF-8", e.Message, member, 0);
            }
        }
    }

    private static void Walk(ScanContext ctx, JsonElement element, string member, string? layer, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                string? className = String(element, "class_name");
                string? name = element.TryGetProperty("config", out var cfg) && cfg.ValueKind == JsonValueKind.Object ? String(cfg, "name") : null;
                string? here = className is not null && name is not null ? $"{className} '{name}'" : layer;
                CheckObject(ctx, element, className, here, member);
                foreach (var property in element.EnumerateObject())
                {
                    Walk(ctx, property.Value, member, here, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(ctx, item, member, layer, depth + 1);
                }

                break;
            case JsonValueKind.String:
                ctx.ScanText(element.GetString()!, "a Keras config string", member, 0);
                break;
        }
    }

    private static void CheckObject(ScanContext ctx, JsonElement element, string? className, string? layer, string member)
    {
        string where = layer ?? "the model";
        if (className == "__lambda__" && element.TryGetProperty("config", out var lambdaConfig) && lambdaConfig.ValueKind == JsonValueKind.Object
            && String(lambdaConfig, "code") is { } code)
        {
            ReportLambda(ctx, code, where, member);
        }

        // Keras 2 style: Lambda config.function is [base64 code, defaults, closure] with function_type "lambda".
        if (className == "Lambda" && element.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && String(config, "function_type") == "lambda" && config.TryGetProperty("function", out var function))
        {
            string? legacyCode = function.ValueKind switch
            {
                JsonValueKind.String => function.GetString(),
                JsonValueKind.Array when function.GetArrayLength() > 0 && function[0].ValueKind == JsonValueKind.String => function[0].GetString(),
                _ => null,
            };
            if (legacyCode is not null)
            {
                ReportLambda(ctx, legacyCode, where, member);
            }
        }

        if (String(element, "module") is { } module && !ctx.Policy.IsKerasModuleAllowed(module))
        {
            string target = className == "function" && element.TryGetProperty("config", out var fn) && fn.ValueKind == JsonValueKind.String
                ? fn.GetString()!
                : className ?? string.Empty;
            var verdict = ctx.Policy.Classify(module, target);
            bool denied = verdict.Verdict == GlobalVerdict.Denied;
            ctx.Add(denied ? Severity.Critical : Severity.Medium, FindingCodes.KerasModuleReference,
                denied ? $"Keras config imports denied {module}.{target}" : $"Keras config names module {module} outside the allow-list",
                $"{where} refers to module '{module}' (class_name '{className}', target '{target}'); the loader imports it."
                    + (denied ? $" Policy rule '{verdict.Rule!.Pattern}': {verdict.Rule.Reason}" : string.Empty),
                member, 0, new ExtractedIndicator("PickleImport", $"{module}.{target}"));
        }

        if (String(element, "registered_name") is { } registered && registered.Contains('>', StringComparison.Ordinal))
        {
            string package = registered[..registered.IndexOf('>', StringComparison.Ordinal)];
            if (!ctx.Policy.IsKerasModuleAllowed(package))
            {
                ctx.Add(package == "Custom" ? Severity.Low : Severity.Medium, FindingCodes.KerasModuleReference, "Keras config needs a custom registered object",
                    $"{where} is registered as '{registered}': loading needs that package's code registered in the process.", member, 0);
            }
        }
    }

    private static void ReportLambda(ScanContext ctx, string code, string where, string member)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(code);
        }
        catch (FormatException)
        {
            bytes = Encoding.UTF8.GetBytes(code);
        }

        var names = PrintableRuns(bytes).Distinct(StringComparer.Ordinal).Take(40).ToList();
        var dangerous = names.Where(n => DangerousNames.Contains(n, StringComparer.Ordinal)).ToList();
        foreach (string n in names)
        {
            ctx.ScanText(n, "Lambda bytecode", member, 0);
        }

        ctx.Add(dangerous.Count > 0 ? Severity.Critical : Severity.High, FindingCodes.KerasLambda,
            dangerous.Count > 0 ? "Keras Lambda layer with bytecode reaching the OS" : "Keras Lambda layer carries Python bytecode",
            $"{where}: {bytes.Length} bytes of marshalled code (run when the model is loaded with safe_mode off or called)"
                + $"; names: {string.Join(", ", names)}" + (dangerous.Count > 0 ? $"; dangerous: {string.Join(", ", dangerous)}" : string.Empty),
            member, 0);
    }

    /// <summary>Printable ASCII runs of 2+ characters: marshal stores names and constants as plain strings.</summary>
    private static IEnumerable<string> PrintableRuns(byte[] bytes)
    {
        var sb = new StringBuilder();
        foreach (byte b in bytes)
        {
            if (b is >= 0x20 and < 0x7F)
            {
                sb.Append((char)b);
                continue;
            }

            if (sb.Length >= 2)
            {
                yield return sb.ToString();
            }

            sb.Clear();
        }

        if (sb.Length >= 2)
        {
            yield return sb.ToString();
        }
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
