using System.Globalization;

namespace AiCtiPortal.Benchmarks;

/// <summary>Minimal "--name value" parser: the harness has few options and no need for a CLI library.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);

    public Arguments(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                {
                    values[pending] = "true";
                }

                pending = arg[2..];
            }
            else if (pending is not null)
            {
                values[pending] = arg;
                pending = null;
            }
            else
            {
                Positional.Add(arg);
            }
        }

        if (pending is not null)
        {
            values[pending] = "true";
        }
    }

    public List<string> Positional { get; } = [];

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string String(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>A switch such as --reseed: present (or "true") means on.</summary>
    public bool Flag(string name) => values.TryGetValue(name, out var v) && v != "false";

    public double Double(string name, double fallback) =>
        values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
