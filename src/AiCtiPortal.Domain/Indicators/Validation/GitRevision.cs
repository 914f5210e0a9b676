using System.Buffers;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>A revision on a hub: a commit id (7-40 hex, lowercased) or a branch/tag name (git ref rules, case kept).</summary>
internal static class GitRevision
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(" ~^:?*[\\\t\r\n");

    public static string? Normalize(string revision, IndicatorCheck check)
    {
        if (revision.Length == 0)
        {
            return check.Fail("The revision after '@' is empty; give a commit id or a tag/branch name, or leave out the '@'.");
        }

        if (revision.Length is >= 7 and <= 40 && Hex.IsAllHex(revision))
        {
            return revision.ToLowerInvariant();
        }

        // git check-ref-format, in the words a contributor needs.
        var problem =
            revision.Length > 255 ? "is longer than 255 characters" :
            revision.AsSpan().IndexOfAny(Forbidden) >= 0 ? "contains a space or one of ~ ^ : ? * [ \\" :
            revision.Any(char.IsControl) ? "contains a control character" :
            revision.Contains("..", StringComparison.Ordinal) ? "contains '..'" :
            revision.Contains("@{", StringComparison.Ordinal) ? "contains '@{'" :
            revision.Contains("//", StringComparison.Ordinal) ? "contains '//'" :
            revision.StartsWith('-') || revision.StartsWith('/') || revision.StartsWith('.') ? "starts with '-', '/' or '.'" :
            revision.EndsWith('/') || revision.EndsWith('.') || revision.EndsWith(".lock", StringComparison.Ordinal) ? "ends with '/', '.' or '.lock'" :
            null;
        return problem is null
            ? revision
            : check.Fail($"The revision '{revision}' {problem}; a revision is a commit id (7-40 hexadecimal characters) or a git branch or tag name.");
    }
}
