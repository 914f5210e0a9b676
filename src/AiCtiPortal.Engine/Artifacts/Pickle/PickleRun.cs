namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>What one pickle (from its first opcode to STOP, an error or a limit) imports and calls.</summary>
internal sealed class PickleRun
{
    public int Start { get; init; }

    /// <summary>Offset after STOP, or where the run ended without one.</summary>
    public int End { get; set; }

    public bool Stopped { get; set; }

    /// <summary>Why the unpickler would fail here (unknown opcode, underflow, truncated ...), or null.</summary>
    public string? Error { get; set; }

    public long ErrorOffset { get; set; }

    /// <summary>The finding code and severity of <see cref="Error"/> (a malformed pickle unless a reader says otherwise).</summary>
    public string ErrorCode { get; set; } = FindingCodes.PickleMalformed;

    public Severity ErrorSeverity { get; set; } = Severity.Medium;

    /// <summary>Array data joblib.load reads from between the opcodes (after NumpyArrayWrapper BUILDs), in order.</summary>
    public List<JoblibArrayRegion> JoblibArrays { get; } = [];

    /// <summary>NumpyArrayWrapper BUILDs seen, including those whose state could not be read.</summary>
    public int JoblibWrappers { get; set; }

    /// <summary>The data ended inside an opcode or before STOP (as opposed to data the unpickler rejects).</summary>
    public bool Truncated { get; set; }

    /// <summary>True when a scanner limit, not the data, ended the run.</summary>
    public bool LimitReached { get; set; }

    public int Protocol { get; set; }

    public long Ops { get; set; }

    public List<PickleImport> Imports { get; } = [];

    public List<PickleCall> Calls { get; } = [];

    public long CallCount { get; set; }

    public List<PickleIssue> Issues { get; } = [];

    public List<(long Offset, string Text)> Strings { get; } = [];

    public List<NestedPayload> Nested { get; } = [];
}
