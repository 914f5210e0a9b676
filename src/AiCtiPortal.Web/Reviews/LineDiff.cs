namespace AiCtiPortal.Web.Reviews;

public enum DiffKind
{
    Same,
    Added,
    Removed,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>
/// A line diff from the longest common subsequence of the two texts' lines: enough for reviewers to see what changed
/// in a Markdown body between two versions. Quadratic in lines, so very long bodies fall back to "all replaced".
/// </summary>
public static class LineDiff
{
    /// <summary>Above this many cells of the LCS table, the diff shows the old text removed and the new added.</summary>
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffLine> Compute(string? before, string? after)
    {
        var a = Lines(before);
        var b = Lines(after);
        if ((long)a.Length * b.Length > MaxCells)
        {
            return [.. a.Select(l => new DiffLine(DiffKind.Removed, l)), .. b.Select(l => new DiffLine(DiffKind.Added, l))];
        }

        // lengths[i, j] = LCS length of a[i..] and b[j..]; walking it forwards yields the diff in order.
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var diff = new List<DiffLine>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                diff.Add(new DiffLine(DiffKind.Same, a[x++]));
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                diff.Add(new DiffLine(DiffKind.Removed, a[x++]));
            }
            else
            {
                diff.Add(new DiffLine(DiffKind.Added, b[y++]));
            }
        }

        diff.AddRange(a.Skip(x).Select(l => new DiffLine(DiffKind.Removed, l)));
        diff.AddRange(b.Skip(y).Select(l => new DiffLine(DiffKind.Added, l)));
        return diff;
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
