namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>
/// A global a pickle imports (GLOBAL, INST or STACK_GLOBAL), as dotted "module.name". The qualified name may itself be
/// dotted (protocol 4 pickles name nested attributes), so the canonical form is simply every part joined by dots.
/// </summary>
internal sealed class PickleImportRule : IIndicatorRule
{
    private const int MaxLength = 512;

    // Modules a pickle names when it means another one: what scanners and hunters should also look for.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["posix"] = "'posix' is the module behind 'os' on Linux and macOS: os.system pickles as posix.system there, and as nt.system on Windows. Also hunt for the os and nt forms.",
        ["nt"] = "'nt' is the module behind 'os' on Windows: os.system pickles as nt.system there, and as posix.system elsewhere. Also hunt for the os and posix forms.",
        ["os"] = "Pickles written by CPython name 'os' functions through 'posix' (Linux, macOS) or 'nt' (Windows); a hand-crafted pickle can name 'os' itself. Also hunt for the posix and nt forms.",
        ["__builtin__"] = "'__builtin__' is the Python 2 name of 'builtins'; protocol 0-2 pickles map it. Also hunt for the builtins form.",
        ["builtins"] = "Python 2 pickles name this module '__builtin__'. Also hunt for that form.",
        ["copy_reg"] = "'copy_reg' is the Python 2 name of 'copyreg'.",
        ["_codecs"] = "'_codecs' is the C module behind 'codecs'.",
        ["_operator"] = "'_operator' is the C module behind 'operator'.",
        ["_functools"] = "'_functools' is the C module behind 'functools'.",
        ["_io"] = "'_io' is the C module behind 'io'.",
        ["_socket"] = "'_socket' is the C module behind 'socket'.",
        ["_posixsubprocess"] = "'_posixsubprocess' is the C module behind 'subprocess' on POSIX systems.",
    };

    public string? Normalize(string value, IndicatorCheck check)
    {
        if (value.Length > MaxLength)
        {
            return check.Fail($"A pickle import is at most {MaxLength} characters; this has {value.Length}.");
        }

        var parts = SplitModuleAndName(value, check);
        if (parts is null)
        {
            return null;
        }

        if (parts.Length < 2)
        {
            return check.Fail($"Name both the module and the attribute it imports, as module.name (for example posix.system or builtins.exec); '{value}' has only one part.");
        }

        foreach (var part in parts)
        {
            if (!PythonNames.IsIdentifier(part))
            {
                return check.Fail(part.Length == 0
                    ? "A pickle import is dotted Python identifiers (module.name); this one has an empty part (two dots in a row, or a dot at an end)."
                    : $"'{part}' is not a Python identifier: identifiers are letters, digits and underscores, and do not start with a digit.");
            }
        }

        if (Aliases.TryGetValue(parts[0], out var alias))
        {
            check.Note(alias);
        }

        return string.Join('.', parts);
    }

    // GLOBAL stores "module\nname"; tools print "module name" or "module:name" (the setuptools entry-point style).
    private static string[]? SplitModuleAndName(string value, IndicatorCheck check)
    {
        var separators = value.Split([' ', '\t', '\n', '\r', ':'], StringSplitOptions.RemoveEmptyEntries);
        if (separators.Length == 1)
        {
            return value.Split('.');
        }

        if (separators.Length != 2)
        {
            check.Fail("Write a pickle import as module.name (or 'module name' / 'module:name'); this has more than two space- or colon-separated parts.");
            return null;
        }

        return [.. separators[0].Split('.'), .. separators[1].Split('.')];
    }
}
