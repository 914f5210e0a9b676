using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using AiCtiPortal.Engine.Artifacts.Policy;
using static AiCtiPortal.Engine.Artifacts.Pickle.PickleOpcodes;

namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>
/// A symbolic unpickler: it executes every opcode of protocols 0-5 on a stack of <see cref="PickleValue"/>s with the
/// real unpickler's stack, mark and memo rules, so STACK_GLOBAL operands are known however they got on the stack
/// (memo, DUP, containers). It imports and calls nothing; it records what would be imported and called.
/// Errors the real unpickler would raise end the run (<see cref="PickleRun.Error"/>); nothing is thrown out.
/// </summary>
internal sealed partial class PickleMachine
{
    private const int MaxRecordedCalls = 10_000;
    private const int MaxRecordedStrings = 20_000;

    private readonly byte[] _buf;
    private readonly int _end;
    private readonly ScanOptions _options;
    private readonly ArtifactPolicy _policy;
    private readonly string? _member;
    private readonly Func<bool> _overTime;
    private readonly List<PickleValue> _stack = [];
    private readonly List<int> _marks = [];
    private readonly Dictionary<long, PickleValue> _memo = [];
    private readonly RetentionBudget _retention;
    private readonly bool _joblibArrays;
    private int _pos;
    private long _opBudget;

    // Absolute end of the current protocol-4 FRAME: joblib's array bytes must start where a frame ends.
    private long _frameEnd;
    private PickleRun _run = null!;

    /// <param name="joblibArrays">
    /// Read as joblib.load does: array bytes follow each NumpyArrayWrapper BUILD. Off for pickles that plain
    /// pickle.load reads (nested payloads, object arrays, legacy torch files).
    /// </param>
    public PickleMachine(ArraySegment<byte> data, ScanOptions options, string? member, Func<bool> overTime, bool joblibArrays = false)
    {
        _joblibArrays = joblibArrays;
        _buf = data.Array ?? [];
        _pos = data.Offset;
        _end = data.Offset + data.Count;
        _options = options;
        _policy = options.Policy;
        _member = member;
        _overTime = overTime;
        _retention = new RetentionBudget(options.MaxRetainedItems);
        BaseOffset = data.Offset;
    }

    /// <summary>Offsets in records are relative to the segment handed in, i.e. to the member's first byte.</summary>
    private int BaseOffset { get; }

    /// <summary>
    /// Runs one pickle starting at <paramref name="start"/> (relative to the segment) up to STOP. The memo survives
    /// from one run to the next, as it does for an Unpickler object whose load() is called repeatedly: a later pickle
    /// may fetch strings memoised by an earlier one.
    /// </summary>
    public PickleRun Run(int start, long opBudget)
    {
        _pos = BaseOffset + start;
        _stack.Clear();
        _marks.Clear();
        _run = new PickleRun { Start = start };
        _opBudget = opBudget;
        _frameEnd = 0;
        long opStart = _pos;
        try
        {
            while (true)
            {
                if (_run.Ops >= opBudget || ((_run.Ops & 0xFFFF) == 0 && _overTime()))
                {
                    _run.LimitReached = true;
                    _run.Issues.Add(new PickleIssue(Severity.Low, FindingCodes.PickleLimit, "Pickle analysis stopped at a limit",
                        $"Stopped after {_run.Ops} opcodes (operation or time budget); the rest was not analysed.", Rel(_pos)));
                    break;
                }

                if (_pos >= _end)
                {
                    Fail("pickle data was truncated (no STOP opcode)", _pos);
                    _run.Truncated = true;
                    break;
                }

                opStart = _pos;
                byte op = _buf[_pos++];
                _run.Ops++;
                if (!StepCommon(op, opStart) && !Step(op, opStart))
                {
                    break;
                }
            }
        }
        catch (PickleError e)
        {
            Fail(e.Message, e.Offset ?? opStart);
            _run.Truncated = e.Truncated;
            _run.ErrorCode = e.Code;
            _run.ErrorSeverity = e.Severity;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defensive: a bug in the symbolic machine must still give a finding rather than fail the scan.
            Fail($"analysis error: {e.GetType().Name}: {e.Message}", opStart);
        }

        _run.End = _pos - BaseOffset;
        return _run;
    }

    private void Fail(string message, long absoluteOffset)
    {
        _run.Error = message;
        _run.ErrorOffset = Rel(absoluteOffset);
    }

    private long Rel(long absolute) => absolute - BaseOffset;

    /// <summary>
    /// The opcodes that make up the bulk of large pickles (small ints, short strings, marks, memo puts), executed
    /// exactly as <see cref="Step"/> does but in a small method: Step's frame is large, and entering it for every
    /// item was a measurable share of a 100 MB pickle's analysis. False when the opcode is not one of these.
    /// </summary>
    private bool StepCommon(byte op, long at)
    {
        switch (op)
        {
            case BinInt when _end - _pos >= 4:
                Push(IntValue(BinaryPrimitives.ReadInt32LittleEndian(new ReadOnlySpan<byte>(_buf, _pos, 4))));
                _pos += 4;
                return true;
            case BinInt1 when _pos < _end:
                Push(IntValue(_buf[_pos++]));
                return true;
            case ShortBinUnicode when _pos < _end:
                PushRawString(_buf[_pos++], latin1: false, at);
                return true;
            case Mark:
                _marks.Add(_stack.Count);
                return true;
            case BinPut when _pos < _end:
                MemoPut(_buf[_pos++], at);
                return true;
            case Memoize:
                MemoPut(_memo.Count, at);
                return true;
            case BinGet when _pos < _end:
                MemoGet(_buf[_pos++], at);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Executes one opcode; false after STOP.</summary>
    private bool Step(byte op, long at)
    {
        switch (op)
        {
            case Proto:
                int version = ReadByte();
                if (version > HighestProtocol)
                {
                    throw new PickleError($"unsupported pickle protocol: {version}", at);
                }

                _run.Protocol = Math.Max(_run.Protocol, version);
                break;
            case Frame:
                ulong frame = ReadU64();
                if (frame > (ulong)(_end - _pos))
                {
                    throw new PickleError($"FRAME of {frame} bytes exceeds the {_end - _pos} bytes left", at);
                }

                _frameEnd = _pos + (long)frame;
                break;
            case Stop:
                Pop(at);
                _run.Stopped = true;
                return false;
            case Mark:
                _marks.Add(_stack.Count);
                break;
            case PopOp:
                if (_stack.Count > MarkBase)
                {
                    _stack.RemoveAt(_stack.Count - 1);
                }
                else
                {
                    PopMark(at);
                }

                break;
            case PopMarkOp:
                PopMark(at);
                break;
            case Dup:
                Push(Top(at));
                break;

            case None:
                Push(PickleScalar.None);
                break;
            case NewTrue:
                Push(PickleScalar.True);
                break;
            case NewFalse:
                Push(PickleScalar.False);
                break;
            case Int:
                Push(ParseIntLine(ReadLine(at), at, allowBool: true));
                break;
            case Long:
                string longText = ReadLine(at);
                Push(ParseIntLine(longText.EndsWith('L') ? longText[..^1] : longText, at, allowBool: false));
                break;
            case BinInt:
                Push(IntValue(BinaryPrimitives.ReadInt32LittleEndian(Read(4, at))));
                break;
            case BinInt1:
                Push(IntValue(ReadByte()));
                break;
            case BinInt2:
                Push(IntValue(BinaryPrimitives.ReadUInt16LittleEndian(Read(2, at))));
                break;
            case Long1:
                Push(LongValue(Read(ReadByte(), at)));
                break;
            case Long4:
                int long4 = BinaryPrimitives.ReadInt32LittleEndian(Read(4, at));
                if (long4 < 0)
                {
                    throw new PickleError("LONG pickle has negative byte count", at);
                }

                Push(LongValue(Read(long4, at)));
                break;
            case Float:
                string floatText = ReadLine(at).Trim();
                if (!double.TryParse(floatText, NumberStyles.Float, CultureInfo.InvariantCulture, out double f)
                    && floatText is not ("inf" or "-inf" or "nan"))
                {
                    throw new PickleError($"could not convert string to float: '{ScanContext.Clip(floatText, 40)}'", at);
                }

                Push(new PickleScalar(ScalarKind.Float, floatText));
                break;
            case BinFloat:
                Push(new PickleScalar(ScalarKind.Float, BinaryPrimitives.ReadDoubleBigEndian(Read(8, at)).ToString("R", CultureInfo.InvariantCulture)));
                break;

            case StringOp:
                PushString(DecodeQuotedString(ReadLine(at), at), at);
                break;
            case BinString:
                int binString = BinaryPrimitives.ReadInt32LittleEndian(Read(4, at));
                if (binString < 0)
                {
                    throw new PickleError("BINSTRING pickle has negative byte count", at);
                }

                PushRawString(binString, latin1: true, at);
                break;
            case ShortBinString:
                PushRawString(ReadByte(), latin1: true, at);
                break;
            case Unicode:
                PushString(DecodeRawUnicodeEscape(ReadLine(at)), at);
                break;
            case BinUnicode:
                PushRawString(checked((int)ReadLength(BinaryPrimitives.ReadUInt32LittleEndian(Read(4, at)), at)), latin1: false, at);
                break;
            case ShortBinUnicode:
                PushRawString(ReadByte(), latin1: false, at);
                break;
            case BinUnicode8:
                PushRawString(checked((int)ReadLength(ReadU64(), at)), latin1: false, at);
                break;
            case BinBytes:
                Push(BytesValue(ScalarKind.Bytes, ReadLength(BinaryPrimitives.ReadUInt32LittleEndian(Read(4, at)), at), at));
                break;
            case ShortBinBytes:
                Push(BytesValue(ScalarKind.Bytes, ReadByte(), at));
                break;
            case BinBytes8:
                Push(BytesValue(ScalarKind.Bytes, ReadLength(ReadU64(), at), at));
                break;
            case ByteArray8:
                Push(BytesValue(ScalarKind.Bytes, ReadLength(ReadU64(), at), at));
                break;
            case NextBuffer:
                _run.Issues.Add(new PickleIssue(Severity.Low, FindingCodes.PickleOutOfBandBuffer, "Pickle refers to out-of-band buffers",
                    "NEXT_BUFFER needs buffers passed to the loader outside the file; a plain load fails here.", Rel(at)));
                Push(new PickleScalar(ScalarKind.Buffer, "<out-of-band buffer>"));
                break;
            case ReadOnlyBuffer:
                Top(at);
                break;

            case EmptyTuple:
                Push(new PickleContainer(ContainerKind.Tuple, _options.MaxContainerItems, _retention));
                break;
            case Tuple1 or Tuple2 or Tuple3:
                int n = op - Tuple1 + 1;
                var small = new PickleValue[n];
                for (int i = n - 1; i >= 0; i--)
                {
                    small[i] = Pop(at);
                }

                Push(Container(ContainerKind.Tuple, small));
                break;
            case TupleOp:
                Push(Container(ContainerKind.Tuple, PopMark(at)));
                break;
            case EmptyList:
                Push(new PickleContainer(ContainerKind.List, _options.MaxContainerItems, _retention));
                break;
            case List:
                Push(Container(ContainerKind.List, PopMark(at)));
                break;
            case EmptyDict:
                Push(new PickleContainer(ContainerKind.Dict, _options.MaxContainerItems, _retention));
                break;
            case Dict:
                var dictItems = PopMark(at);
                if (dictItems.Count % 2 != 0)
                {
                    throw new PickleError("DICT has an odd number of items after MARK", at);
                }

                Push(Container(ContainerKind.Dict, dictItems));
                break;
            case EmptySet:
                Push(new PickleContainer(ContainerKind.Set, _options.MaxContainerItems, _retention));
                break;
            case FrozenSet:
                Push(Container(ContainerKind.FrozenSet, PopMark(at)));
                break;
            case Append:
                var appended = Pop(at);
                AddTo(Top(at), appended);
                break;
            case Appends:
                PopMarkInto(at);
                break;
            case SetItem:
                var value = Pop(at);
                var key = Pop(at);
                AddTo(Top(at), key, value);
                break;
            case SetItems:
                if (PopMarkInto(at) % 2 != 0)
                {
                    throw new PickleError("SETITEMS has an odd number of items after MARK", at);
                }

                break;
            case AddItems:
                PopMarkInto(at);
                break;

            case Put:
                MemoPut(ParseIndex(ReadLine(at), at), at);
                break;
            case BinPut:
                MemoPut(ReadByte(), at);
                break;
            case LongBinPut:
                MemoPut(BinaryPrimitives.ReadUInt32LittleEndian(Read(4, at)), at);
                break;
            case Memoize:
                MemoPut(_memo.Count, at);
                break;
            case Get:
                MemoGet(ParseIndex(ReadLine(at), at), at);
                break;
            case BinGet:
                MemoGet(ReadByte(), at);
                break;
            case LongBinGet:
                MemoGet(BinaryPrimitives.ReadUInt32LittleEndian(Read(4, at)), at);
                break;

            case Global:
                string module = Utf8(ReadLineBytes(at));
                string name = Utf8(ReadLineBytes(at));
                Push(Import(module, name, "GLOBAL", at));
                break;
            case StackGlobal:
                var nameValue = Pop(at);
                var moduleValue = Pop(at);
                Push(StackGlobalImport(moduleValue, nameValue, at));
                break;
            case Ext1:
                Push(Extension(ReadByte(), "EXT1", at));
                break;
            case Ext2:
                Push(Extension(BinaryPrimitives.ReadUInt16LittleEndian(Read(2, at)), "EXT2", at));
                break;
            case Ext4:
                Push(Extension(BinaryPrimitives.ReadInt32LittleEndian(Read(4, at)), "EXT4", at));
                break;
            case Inst:
                string instModule = Utf8(ReadLineBytes(at));
                string instName = Utf8(ReadLineBytes(at));
                var instArgs = PopMark(at);
                var cls = Import(instModule, instName, "INST", at);
                Push(Call("INST", cls, Container(ContainerKind.Tuple, instArgs), at));
                break;
            case Obj:
                var objItems = PopMark(at);
                if (objItems.Count == 0)
                {
                    throw new PickleError("OBJ needs a class after MARK (pop from empty list)", at);
                }

                Push(Call("OBJ", objItems[0], Container(ContainerKind.Tuple, objItems.Skip(1)), at));
                break;
            case NewObj:
                var newArgs = Pop(at);
                Push(Call("NEWOBJ", Pop(at), newArgs, at));
                break;
            case NewObjEx:
                var kwargs = Pop(at);
                var exArgs = Pop(at);
                Push(Call("NEWOBJ_EX", Pop(at), Container(ContainerKind.Tuple, [exArgs, kwargs]), at));
                break;
            case Reduce:
                var reduceArgs = Pop(at);
                Push(Call("REDUCE", Pop(at), reduceArgs, at));
                break;
            case Build:
                var state = Pop(at);
                var built = Top(at);
                BuildState(built, state, at);
                if (_joblibArrays && JoblibArrayWrapper.IsWrapperInstance(built))
                {
                    ReadJoblibArray(state, at);
                }

                break;
            case PersId:
                string pid = Latin1(ReadLineBytes(at));
                if (pid.Any(c => c > 0x7F))
                {
                    throw new PickleError("persistent IDs in protocol 0 must be ASCII strings", at);
                }

                Push(new PicklePersistent(new PickleScalar(ScalarKind.Str, pid)));
                break;
            case BinPersId:
                Push(new PicklePersistent(Pop(at)));
                break;

            default:
                throw new PickleError($"invalid load key, '\\x{op:x2}' (unknown opcode)", at);
        }

        return true;
    }

    // ---- stack ----

    private int MarkBase => _marks.Count == 0 ? 0 : _marks[^1];

    private void Push(PickleValue value)
    {
        if (_stack.Count >= _options.MaxStackDepth)
        {
            throw new PickleError($"stack depth limit of {_options.MaxStackDepth} reached", _pos);
        }

        _stack.Add(value);
    }

    // The real unpickler cannot see below the innermost MARK: its stack is swapped out onto the metastack.
    private PickleValue Pop(long at)
    {
        if (_stack.Count <= MarkBase)
        {
            throw new PickleError("stack underflow (unpickling stack is empty)", at);
        }

        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private PickleValue Top(long at)
    {
        if (_stack.Count <= MarkBase)
        {
            throw new PickleError("stack underflow (unpickling stack is empty)", at);
        }

        return _stack[^1];
    }

    private List<PickleValue> PopMark(long at)
    {
        if (_marks.Count == 0)
        {
            throw new PickleError("could not find MARK", at);
        }

        int mark = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        var items = _stack.GetRange(mark, _stack.Count - mark);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    /// <summary>
    /// APPENDS, SETITEMS, ADDITEMS: the items above the innermost MARK go into the value below it, straight from the
    /// stack (no copy: these batches are where a large pickle's items pass). Returns how many items there were.
    /// </summary>
    private int PopMarkInto(long at)
    {
        if (_marks.Count == 0)
        {
            throw new PickleError("could not find MARK", at);
        }

        int mark = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        int count = _stack.Count - mark;
        if (mark <= MarkBase)
        {
            _stack.RemoveRange(mark, count);
            throw new PickleError("stack underflow (unpickling stack is empty)", at);
        }

        if (_stack[mark - 1] is PickleContainer container)
        {
            container.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_stack).Slice(mark, count));
        }

        _stack.RemoveRange(mark, count);
        return count;
    }

    private PickleContainer Container(ContainerKind kind, List<PickleValue> items)
    {
        var container = new PickleContainer(kind, _options.MaxContainerItems, _retention);
        container.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items));
        return container;
    }

    private PickleContainer Container(ContainerKind kind, IEnumerable<PickleValue> items)
    {
        var container = new PickleContainer(kind, _options.MaxContainerItems, _retention);
        container.AddRange(items);
        return container;
    }

    private static void AddTo(PickleValue target, PickleValue item, PickleValue? second = null)
    {
        // Appending to a non-container calls its append/extend/__setitem__/add: those are methods of an object the
        // pickle already had to import, so the import is what gets judged (PopMarkInto does the same for batches).
        if (target is PickleContainer container)
        {
            container.Add(item);
            if (second is not null)
            {
                container.Add(second);
            }
        }
    }

    // ---- memo ----

    private void MemoPut(long index, long at)
    {
        if (index < 0)
        {
            throw new PickleError("negative PUT argument", at);
        }

        if (_memo.Count >= _options.MaxMemoEntries && !_memo.ContainsKey(index))
        {
            throw new PickleError($"memo limit of {_options.MaxMemoEntries} entries reached", at);
        }

        _memo[index] = Top(at);
    }

    private void MemoGet(long index, long at)
    {
        if (!_memo.TryGetValue(index, out var value))
        {
            throw new PickleError($"Memo value not found at index {index}", at);
        }

        Push(value);
    }

    // ---- imports and calls ----

    private PickleGlobal Import(string module, string name, string opcode, long at)
    {
        if (_run.Imports.Count < MaxRecordedCalls)
        {
            _run.Imports.Add(new PickleImport(_member, Rel(at), module, name, opcode));
        }

        return new PickleGlobal(module, name, resolved: true);
    }

    private PickleGlobal StackGlobalImport(PickleValue module, PickleValue name, long at)
    {
        if (module is PickleScalar { Kind: ScalarKind.Str, Text: { } m } && name is PickleScalar { Kind: ScalarKind.Str, Text: { } n })
        {
            return Import(m, n, "STACK_GLOBAL", at);
        }

        string display = $"<unresolved {module.Summary(2)} . {name.Summary(2)}>";
        _run.Issues.Add(new PickleIssue(Severity.High, FindingCodes.PickleUnresolvedGlobal, "STACK_GLOBAL operands are not plain strings",
            $"STACK_GLOBAL at offset {Rel(at)} imports module {module.Summary(2)}, name {name.Summary(2)}: computed names hide what is imported.", Rel(at)));
        return new PickleGlobal(string.Empty, display, resolved: false);
    }

    private PickleGlobal Extension(long code, string opcode, long at)
    {
        _run.Issues.Add(new PickleIssue(Severity.High, FindingCodes.PickleExtensionCode, "Pickle imports through the copyreg extension registry",
            $"{opcode} code {code} at offset {Rel(at)}: the global it names depends on the loading process's copyreg registry (empty by default), so it cannot be checked statically.", Rel(at)));
        return new PickleGlobal(string.Empty, $"<extension code {code}>", resolved: false);
    }

    private PickleObject Call(string kind, PickleValue callable, PickleValue arguments, long at)
    {
        var result = new PickleObject(callable, arguments, Rel(at));
        Record(kind, result.CallableName, arguments.Summary(), at);
        switch (callable)
        {
            case PickleGlobal { Resolved: true } g when kind == "REDUCE" && _policy.IsNestedLoader(g.Module, g.Name):
                if (NestedBytes(arguments) is { } payload)
                {
                    _run.Nested.Add(new NestedPayload(Rel(at), g.FullName, payload));
                }

                break;
            case PickleGlobal:
                break;
            default:
                _run.Issues.Add(new PickleIssue(Severity.High, FindingCodes.PickleDynamicCall, "Pickle calls a computed callable",
                    $"{kind} at offset {Rel(at)} calls {result.CallableName} (not an imported global) with {arguments.Summary(2)}.", Rel(at)));
                break;
        }

        return result;
    }

    private void BuildState(PickleValue target, PickleValue state, long at)
    {
        string targetName = target switch
        {
            PickleObject o => o.CallableName,
            PickleGlobal g => g.FullName,
            _ => target.Summary(1),
        };
        Record("BUILD", $"{targetName}.__setstate__", state.Summary(), at);
        if (target is PickleObject built)
        {
            built.State = state;
        }

        if (target is PickleGlobal)
        {
            _run.Issues.Add(new PickleIssue(Severity.High, FindingCodes.PickleBuildOnGlobal, "BUILD sets state on an imported global",
                $"BUILD at offset {Rel(at)} sets attributes of {targetName} itself (module or class patching) to {state.Summary(2)}.", Rel(at)));
        }

        var dict = state switch
        {
            PickleContainer { Kind: ContainerKind.Dict } d => d,
            PickleContainer { Kind: ContainerKind.Tuple, Items: [PickleContainer { Kind: ContainerKind.Dict } d, ..] } => d,
            _ => null,
        };
        var slots = state is PickleContainer { Kind: ContainerKind.Tuple, Items: [_, PickleContainer { Kind: ContainerKind.Dict } s] } ? s : null;
        foreach (var d in new[] { dict, slots })
        {
            if (d is null)
            {
                continue;
            }

            for (int i = 0; i < d.Items.Count; i += 2)
            {
                if (d.Items[i] is PickleScalar { Kind: ScalarKind.Str, Text: { } k } && k.Length > 4 && k.StartsWith("__", StringComparison.Ordinal) && k.EndsWith("__", StringComparison.Ordinal))
                {
                    _run.Issues.Add(new PickleIssue(Severity.High, FindingCodes.PickleDunderState, "BUILD state sets a dunder attribute",
                        $"BUILD at offset {Rel(at)} sets '{k}' on {targetName}: overriding special methods changes what later code runs.", Rel(at)));
                }
            }
        }
    }

    private void Record(string kind, string callable, string arguments, long at)
    {
        _run.CallCount++;
        if (_run.Calls.Count < MaxRecordedCalls)
        {
            _run.Calls.Add(new PickleCall(_member, Rel(at), kind, callable, arguments));
        }
    }

    /// <summary>The bytes a loader call would unpickle: a bytes/str argument, or BytesIO(bytes).</summary>
    private static ArraySegment<byte>? NestedBytes(PickleValue arguments)
    {
        var first = arguments is PickleContainer { Items.Count: > 0 } c ? c.Items[0] : null;
        return first switch
        {
            PickleScalar { Kind: ScalarKind.Bytes } b => b.Bytes,
            PickleScalar { Kind: ScalarKind.Str, Text: { } s } => Encoding.Latin1.GetBytes(s),
            PickleObject o when o.Arguments is not null => NestedBytes(o.Arguments),
            _ => null,
        };
    }

    // ---- reading ----

    private int ReadByte()
    {
        if (_pos >= _end)
        {
            throw new PickleError("pickle data was truncated", _pos, truncated: true);
        }

        return _buf[_pos++];
    }

    private ReadOnlySpan<byte> Read(int count, long at)
    {
        if (count < 0 || count > _end - _pos)
        {
            throw new PickleError($"pickle data was truncated (opcode needs {count} bytes, {_end - _pos} left)", at, truncated: true);
        }

        var span = new ReadOnlySpan<byte>(_buf, _pos, count);
        _pos += count;
        return span;
    }

    private ulong ReadU64() => BinaryPrimitives.ReadUInt64LittleEndian(Read(8, _pos - 1));

    private long ReadLength(ulong length, long at) => length > (ulong)(_end - _pos)
        ? throw new PickleError($"pickle data was truncated (length {length} exceeds the {_end - _pos} bytes left)", at, truncated: true)
        : (long)length;

    private ReadOnlySpan<byte> ReadLineBytes(long at)
    {
        int newline = Array.IndexOf(_buf, (byte)'\n', _pos, _end - _pos);
        if (newline < 0)
        {
            throw new PickleError("pickle data was truncated (line without newline)", at, truncated: true);
        }

        var line = new ReadOnlySpan<byte>(_buf, _pos, newline - _pos);
        _pos = newline + 1;
        return line;
    }

    private string ReadLine(long at) => Latin1(ReadLineBytes(at));

    private PickleScalar BytesValue(ScalarKind kind, long length, long at)
    {
        int start = _pos;
        Read(checked((int)length), at);
        return new PickleScalar(kind, bytes: new ArraySegment<byte>(_buf, start, (int)length));
    }

    private void PushString(string text, long at)
    {
        if (text.Length >= 6 && _run.Strings.Count < MaxRecordedStrings)
        {
            _run.Strings.Add((Rel(at), text));
        }

        Push(new PickleScalar(ScalarKind.Str, text));
    }

    private static string Latin1(ReadOnlySpan<byte> bytes) => PickleScalar.Latin1(bytes);

    private static string Utf8(ReadOnlySpan<byte> bytes) => PickleScalar.Utf8(bytes);

    /// <summary>Pushes a binary string undecoded; only strings kept for indicator scanning are decoded here.</summary>
    private void PushRawString(int length, bool latin1, long at)
    {
        int start = _pos;
        Read(length, at);
        var value = PickleScalar.RawString(new ArraySegment<byte>(_buf, start, length), latin1);
        if (length >= 6 && _run.Strings.Count < MaxRecordedStrings && value.Text!.Length >= 6)
        {
            _run.Strings.Add((Rel(at), value.Text));
        }

        Push(value);
    }

    private static PickleScalar IntValue(long value) => PickleScalar.Int(value);

    private static PickleScalar LongValue(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 64)
        {
            return new PickleScalar(ScalarKind.Int, $"<{bytes.Length * 8}-bit integer>");
        }

        return new PickleScalar(ScalarKind.Int, new BigInteger(bytes, isUnsigned: false, isBigEndian: false).ToString(CultureInfo.InvariantCulture));
    }

    private static PickleScalar ParseIntLine(string text, long at, bool allowBool)
    {
        if (allowBool && text == "00")
        {
            return PickleScalar.False;
        }

        if (allowBool && text == "01")
        {
            return PickleScalar.True;
        }

        string trimmed = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        if (trimmed.Length > 4_300 || !BigInteger.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new PickleError($"invalid literal for int(): '{ScanContext.Clip(text, 40)}'", at);
        }

        return new PickleScalar(ScalarKind.Int, value.ToString(CultureInfo.InvariantCulture));
    }

    private static long ParseIndex(string text, long at) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long index)
            ? index
            : throw new PickleError($"invalid memo index '{ScanContext.Clip(text, 40)}'", at);

    /// <summary>STRING's argument is a quoted Python literal: strip the quotes, then undo backslash escapes.</summary>
    private static string DecodeQuotedString(string line, long at)
    {
        if (line.Length < 2 || line[0] != line[^1] || (line[0] != '\'' && line[0] != '"'))
        {
            throw new PickleError("the STRING opcode argument must be quoted", at);
        }

        string body = line[1..^1];
        if (!body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var sb = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c != '\\' || i + 1 >= body.Length)
            {
                sb.Append(c);
                continue;
            }

            char e = body[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '0' when i + 1 >= body.Length || body[i + 1] is < '0' or > '7': sb.Append('\0'); break;
                case 'x' when i + 2 < body.Length && byte.TryParse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte hex):
                    sb.Append((char)hex);
                    i += 2;
                    break;
                case '\\' or '\'' or '"': sb.Append(e); break;
                default: sb.Append('\\').Append(e); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>UNICODE's argument is raw-unicode-escape: only \uXXXX and \UXXXXXXXX are escapes.</summary>
    private static string DecodeRawUnicodeEscape(string line)
    {
        if (!line.Contains('\\', StringComparison.Ordinal))
        {
            return line;
        }

        var sb = new StringBuilder(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 5 < line.Length + 0 && line[i + 1] == 'u'
                && int.TryParse(line.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int u))
            {
                sb.Append((char)u);
                i += 5;
            }
            else if (line[i] == '\\' && i + 9 < line.Length && line[i + 1] == 'U'
                && int.TryParse(line.AsSpan(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int cp) && cp is >= 0 and <= 0x10FFFF)
            {
                sb.Append(cp is >= 0xD800 and <= 0xDFFF ? "\uFFFD" : char.ConvertFromUtf32(cp));
                i += 9;
            }
            else
            {
                sb.Append(line[i]);
            }
        }

        return sb.ToString();
    }

    private sealed class PickleError(string message, long? offset, bool truncated = false, string code = FindingCodes.PickleMalformed, Severity severity = Severity.Medium)
        : Exception(message)
    {
        public long? Offset { get; } = offset;

        public bool Truncated { get; } = truncated;

        public string Code { get; } = code;

        public Severity Severity { get; } = severity;
    }
}
