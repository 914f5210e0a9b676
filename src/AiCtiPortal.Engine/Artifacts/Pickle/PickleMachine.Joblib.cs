namespace AiCtiPortal.Engine.Artifacts.Pickle;

/// <summary>
/// joblib.load's reading of NumpyArrayWrapper: after the wrapper's BUILD, its NumpyUnpickler reads the array straight
/// from the file (one alignment byte and that many padding bytes since joblib 1.2, then count x itemsize bytes), or a
/// whole pickle for arrays of Python objects, and only then reads the next opcode.
/// </summary>
internal sealed partial class PickleMachine
{
    private void ReadJoblibArray(PickleValue state, long at)
    {
        _run.JoblibWrappers++;
        var layout = JoblibArrayWrapper.Parse(state, out string? error)
            ?? throw new PickleError($"joblib NumpyArrayWrapper built at offset {Rel(at)}: {error}; joblib.load fails here", at, code: FindingCodes.JoblibMalformed);

        // joblib commits the pickle frame before writing an array. Array bytes inside a frame are read from after the
        // frame while the frame's remaining bytes still run as opcodes: a layout only a hand-made file has.
        if (_frameEnd > _pos)
        {
            throw new PickleError(
                $"joblib array data at offset {Rel(_pos)} starts inside a FRAME ending at {Rel(_frameEnd)}: joblib.load would read the array from after the frame, then run the frame's other {_frameEnd - _pos} bytes as opcodes",
                _pos, code: FindingCodes.JoblibMalformed, severity: Severity.High);
        }

        if (layout.Subclass is { } subclass && subclass is not ("numpy.ndarray" or "numpy.memmap"))
        {
            Record("JOBLIB_SUBCLASS", subclass, $"numpy.core.multiarray._reconstruct({subclass}, (0,), 'b').__array_prepare__(array)", at);
        }

        long start = _pos;
        if (layout.HasObject)
        {
            ReadObjectArray(layout, start);
            return;
        }

        if (layout.Aligned)
        {
            int padding = _pos < _end
                ? _buf[_pos++]
                : throw new PickleError($"joblib array at offset {Rel(start)}: the file ends before its alignment byte", start, truncated: true, code: FindingCodes.JoblibMalformed);
            if (padding > _end - _pos)
            {
                throw new PickleError($"joblib array at offset {Rel(start)}: {padding} bytes of alignment padding run past the end", start, truncated: true, code: FindingCodes.JoblibMalformed);
            }

            _pos += padding;
        }

        var size = layout.ByteSize;
        if (size > _end - _pos)
        {
            throw new PickleError(
                $"joblib array at offset {Rel(start)} claims shape {layout.Shape} of dtype '{layout.Dtype}' ({size} bytes) but only {_end - _pos} bytes remain",
                start, truncated: true, code: FindingCodes.JoblibMalformed);
        }

        _pos += (int)size;
        _run.JoblibArrays.Add(new JoblibArrayRegion(Rel(start), Rel(_pos), ObjectPickle: false, $"shape {layout.Shape} dtype '{layout.Dtype}'"));
    }

    /// <summary>
    /// An object array is a protocol-2 pickle that joblib hands to a fresh pickle.load (own memo and marks, plain
    /// semantics); what it imports and calls is recorded as this member's, at this member's offsets.
    /// </summary>
    private void ReadObjectArray(JoblibArrayLayout layout, long start)
    {
        var inner = new PickleMachine(new ArraySegment<byte>(_buf, BaseOffset, _end - BaseOffset), _options, _member, _overTime);
        var run = inner.Run((int)Rel(start), Math.Max(1, _opBudget - _run.Ops));
        _run.Ops += run.Ops;
        Merge(run);
        if (!run.Stopped)
        {
            if (run.Error is null)
            {
                throw new PickleError($"the pickle of the joblib object array at offset {Rel(start)} was not analysed to its end (limit)",
                    BaseOffset + run.End, code: FindingCodes.PickleLimit, severity: Severity.Low);
            }

            throw new PickleError($"the pickle of the joblib object array at offset {Rel(start)}: {run.Error}",
                BaseOffset + run.ErrorOffset, run.Truncated, run.ErrorCode, run.ErrorSeverity);
        }

        _pos = BaseOffset + run.End;
        _run.JoblibArrays.Add(new JoblibArrayRegion(Rel(start), Rel(_pos), ObjectPickle: true, $"shape {layout.Shape} dtype '{layout.Dtype}' (a pickle)"));
    }

    private void Merge(PickleRun inner)
    {
        _run.Imports.AddRange(inner.Imports.Take(MaxRecordedCalls - Math.Min(_run.Imports.Count, MaxRecordedCalls)));
        _run.Calls.AddRange(inner.Calls.Take(MaxRecordedCalls - Math.Min(_run.Calls.Count, MaxRecordedCalls)));
        _run.CallCount += inner.CallCount;
        _run.Issues.AddRange(inner.Issues);
        _run.Strings.AddRange(inner.Strings.Take(MaxRecordedStrings - Math.Min(_run.Strings.Count, MaxRecordedStrings)));
        _run.Nested.AddRange(inner.Nested);
    }
}
