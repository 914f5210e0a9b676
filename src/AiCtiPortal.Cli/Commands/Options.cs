using System.Globalization;

namespace AiCtiPortal.Cli.Commands;

/// <summary>Minimal option parsing: flags, options with a value, and positional arguments ("--" ends options).</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private Options(List<string> positional) => Positional = positional;

    public List<string> Positional { get; }

    public static Options Parse(string[] args, IReadOnlySet<string> flags, IReadOnlySet<string> valued)
    {
        var options = new Options([]);
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                options.Positional.AddRange(args[(i + 1)..]);
                break;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options.Positional.Add(arg);
                continue;
            }

            string name = arg;
            string? value = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }

            if (flags.Contains(name) && value is null)
            {
                options._values[name] = null;
            }
            else if (valued.Contains(name))
            {
                if (value is null)
                {
                    if (i + 1 >= args.Length)
                    {
                        throw new UsageException($"option {name} needs a value");
                    }

                    value = args[++i];
                }

                options._values[name] = value;
            }
            else
            {
                throw new UsageException($"unknown option '{arg}'");
            }
        }

        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min, int max)
    {
        string? text = Value(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new UsageException($"{name} must be an integer from {min} to {max}, got '{text}'");
        }

        return value;
    }
}
