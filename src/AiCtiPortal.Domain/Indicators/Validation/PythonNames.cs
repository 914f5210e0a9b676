namespace AiCtiPortal.Domain.Indicators.Validation;

internal static class PythonNames
{
    /// <summary>A Python identifier (PEP 3131, simplified to letters, digits and underscores; not starting with a digit).</summary>
    public static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || !(char.IsLetter(s[0]) || s[0] == '_'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
