namespace AiCtiPortal.Benchmarks;

/// <summary>Targets checked by a run, printed as a PASS/FAIL table at the end.</summary>
internal sealed class Summary
{
    private readonly List<(string Target, string Measured, bool? Pass)> rows = [];

    public void Add(string target, string measured, bool? pass) => rows.Add((target, measured, pass));

    public bool AllPassed => rows.All(r => r.Pass != false);

    public void Print()
    {
        if (rows.Count == 0)
        {
            return;
        }

        var targetWidth = Math.Max(6, rows.Max(r => r.Target.Length));
        var measuredWidth = Math.Max(8, rows.Max(r => r.Measured.Length));
        Console.WriteLine();
        Console.WriteLine("== Summary ==");
        Console.WriteLine($"{"Target".PadRight(targetWidth)}  {"Measured".PadRight(measuredWidth)}  Result");
        foreach (var (target, measured, pass) in rows)
        {
            var result = pass switch { true => "PASS", false => "FAIL", null => "n/a" };
            Console.WriteLine($"{target.PadRight(targetWidth)}  {measured.PadRight(measuredWidth)}  {result}");
        }
    }
}
