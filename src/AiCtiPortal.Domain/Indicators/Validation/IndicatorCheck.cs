namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>Collects the errors and notes of one validation while a rule works through the value.</summary>
internal sealed class IndicatorCheck
{
    private readonly List<string> _errors = [];
    private readonly List<string> _notes = [];

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Records an error; returns null so a rule can write <c>return check.Fail("...")</c>.</summary>
    public string? Fail(string error)
    {
        _errors.Add(error);
        return null;
    }

    public void Note(string note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }

    public IndicatorValidation Result(string? normalized) =>
        HasErrors || normalized is null
            ? new IndicatorValidation(false, null, _errors.ToArray(), _notes.ToArray())
            : new IndicatorValidation(true, normalized, [], _notes.ToArray());
}
