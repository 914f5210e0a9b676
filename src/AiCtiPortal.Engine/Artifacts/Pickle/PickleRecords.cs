namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>A global a pickle imports (GLOBAL, INST, STACK_GLOBAL) at a byte offset of its member.</summary>
public sealed record PickleImport(string? Member, long Offset, string Module, string Name, string Opcode)
{
    public string FullName => $"{Module}.{Name}";
}

/// <summary>
/// A call the unpickler would make: REDUCE, OBJ, NEWOBJ, NEWOBJ_EX, INST, or BUILD (which calls __setstate__ or sets
/// attributes), with a bounded summary of its arguments.
/// </summary>
public sealed record PickleCall(string? Member, long Offset, string Kind, string Callable, string Arguments);

/// <summary>Something wrong or dangerous the symbolic machine saw, turned into a finding by the analyser.</summary>
internal sealed record PickleIssue(Severity Severity, string Code, string Title, string Evidence, long Offset);

/// <summary>Bytes a nested loader (pickle.loads, torch.load ...) would unpickle.</summary>
internal sealed record NestedPayload(long Offset, string Loader, ArraySegment<byte> Bytes);

/// <summary>
/// Bytes joblib.load consumes after a NumpyArrayWrapper BUILD: raw array data (with its alignment padding), or a
/// protocol-2 pickle for arrays of Python objects. Offsets are those of the member, End exclusive.
/// </summary>
internal sealed record JoblibArrayRegion(long Start, long End, bool ObjectPickle, string Description);
