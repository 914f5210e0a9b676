using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// Streaming ssdeep 2.14 (context-triggered piecewise hashing). Like the reference library it follows every
/// candidate block size at once in a single pass, dropping the ones the final choice can no longer use, so the
/// input never needs to be read twice. Not thread-safe; one instance per input.
/// </summary>
public sealed class SsdeepHasher
{
    /// <summary>Largest input ssdeep accepts: block size 3·2^30 times 64 characters (192 GiB).</summary>
    public const long MaximumLength = (long)SsdeepBlock.MaximumBlockSize * SsdeepBlock.SignatureLength;

    private const int BlockHashes = SsdeepBlock.Count;
    private const int Length = SsdeepBlock.SignatureLength;
    private const uint HashInit = 0x27;

    // Per block size: the piece hashes (low 6 bits significant, see FnvStates), the emitted characters and counts.
    private readonly uint[] _h = new uint[BlockHashes];
    private readonly uint[] _halfH = new uint[BlockHashes];
    private readonly byte[] _digest = new byte[BlockHashes * Length];
    private readonly byte[] _halfDigest = new byte[BlockHashes];
    private readonly int[] _dIndex = new int[BlockHashes];
    private readonly long _fixedLength = -1;
    private readonly int _bhEndLimit = BlockHashes - 1;
    private int _bhStart;
    private int _bhEnd = 1;
    private long _totalLength;
    private long _reduceBorder = (long)SsdeepBlock.MinimumBlockSize * Length;
    private uint _lastH;
    private bool _needLastH;
    private bool _finished;

    // Rolling hash over the last 7 bytes; the window itself is a 56-bit shift register, oldest byte highest.
    private uint _roll1, _roll2, _roll3;
    private ulong _window;

    public SsdeepHasher()
    {
        _h[0] = HashInit;
        _halfH[0] = HashInit;
    }

    /// <summary>
    /// A hasher told the exact input length in advance (as ssdeep does for regular files): it then follows fewer
    /// block sizes, which is faster; the signature is the same. <see cref="Finish"/> throws if the length differs.
    /// </summary>
    public SsdeepHasher(long totalLength)
        : this()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(totalLength, MaximumLength);
        _fixedLength = totalLength;
        int bi = 0;
        while ((long)SsdeepBlock.Size(bi) * Length < totalLength && bi < BlockHashes - 2)
        {
            bi++;
        }

        _bhEndLimit = bi + 1;
    }

    /// <summary>The signature of <paramref name="data"/>.</summary>
    public static SsdeepSignature Compute(ReadOnlySpan<byte> data)
    {
        var hasher = new SsdeepHasher(data.Length);
        hasher.Update(data);
        return hasher.Finish();
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _totalLength += data.Length;
        while (!data.IsEmpty)
        {
            int end = ScanToTrigger(data, out uint rollPlusOne);
            int segment = end < data.Length ? end + 1 : data.Length;
            AdvancePieceHashes(data[..segment]);
            if (end < data.Length)
            {
                OnTrigger(rollPlusOne);
            }

            data = data[segment..];
        }
    }

    /// <summary>The signature ("blocksize:part1:part2"). The hasher cannot be used afterwards.</summary>
    public SsdeepSignature Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        if (_totalLength > MaximumLength)
        {
            throw new NotSupportedException($"ssdeep is undefined for inputs over {MaximumLength} bytes.");
        }

        if (_fixedLength >= 0 && _fixedLength != _totalLength)
        {
            throw new InvalidOperationException(
                $"The hasher was told the input has {_fixedLength} bytes but received {_totalLength}.");
        }

        uint roll = _roll1 + _roll2 + _roll3;
        int bi = _bhStart;
        while ((long)SsdeepBlock.Size(bi) * Length < _totalLength)
        {
            bi++;
        }

        if (bi >= _bhEnd)
        {
            bi = _bhEnd - 1;
        }

        while (bi > _bhStart && _dIndex[bi] < Length / 2)
        {
            bi--;
        }

        return new SsdeepSignature(SsdeepBlock.Size(bi), FirstPart(bi, roll), SecondPart(bi, roll));
    }

    // Part 1: the pieces at this block size, then the unfinished piece (unless the rolling hash is 0, where the
    // reference keeps a character already emitted at the 64th position instead).
    private string FirstPart(int bi, uint roll)
    {
        Span<char> chars = stackalloc char[Length + 1];
        int n = _dIndex[bi];
        ReadOnlySpan<byte> digest = _digest.AsSpan(bi * Length, Length);
        for (int i = 0; i < n; i++)
        {
            chars[i] = (char)digest[i];
        }

        if (roll != 0)
        {
            chars[n++] = SsdeepBlock.Base64(_h[bi]);
        }
        else if (n < Length && digest[n] != 0)
        {
            chars[n] = (char)digest[n];
            n++;
        }

        return new string(chars[..n]);
    }

    // Part 2: the next block size cut to 31 pieces plus the hash of everything after them (halfh).
    private string SecondPart(int bi, uint roll)
    {
        if (bi < _bhEnd - 1)
        {
            int next = bi + 1;
            Span<char> chars = stackalloc char[Length / 2];
            int n = Math.Min(_dIndex[next], (Length / 2) - 1);
            ReadOnlySpan<byte> digest = _digest.AsSpan(next * Length, Length);
            for (int i = 0; i < n; i++)
            {
                chars[i] = (char)digest[i];
            }

            if (roll != 0)
            {
                chars[n++] = SsdeepBlock.Base64(EffectiveHalfH(next));
            }
            else if (_halfDigest[next] != 0)
            {
                chars[n++] = (char)_halfDigest[next];
            }

            return new string(chars[..n]);
        }

        if (roll != 0)
        {
            // Only reachable with a single live block size (the smallest or the largest).
            return SsdeepBlock.Base64(bi == BlockHashes - 1 ? _lastH : _h[bi]).ToString();
        }

        return string.Empty;
    }

    // halfh equals h until 32 pieces were emitted (both restart together), so it is only stored from then on.
    private uint EffectiveHalfH(int i) => _dIndex[i] < Length / 2 ? _h[i] : _halfH[i];

    // Runs the rolling hash up to the next byte that ends a piece at the smallest live block size; returns its
    // index (and roll + 1 there) or data.Length. A piece ends at block size b when (roll + 1) mod b == 0 with
    // 32-bit wrap-around, except when roll + 1 wraps to 0.
    private int ScanToTrigger(ReadOnlySpan<byte> data, out uint rollPlusOne)
    {
        uint h1 = _roll1, h2 = _roll2, h3 = _roll3;
        ulong window = _window;
        uint mask = (1u << _bhStart) - 1;
        ref byte src = ref MemoryMarshal.GetReference(data);
        int n = data.Length;
        int i = 0;
        rollPlusOne = 0;
        for (; i < n; i++)
        {
            uint c = Unsafe.Add(ref src, i);
            uint leaving = (uint)(window >> 48);
            window = ((window << 8) | c) & 0x00FF_FFFF_FFFF_FFFFUL;
            h2 = h2 - h1 + (7 * c);
            h1 = h1 + c - leaving;
            h3 = (h3 << 5) ^ c;
            uint sum = h1 + h2 + h3 + 1;
            if ((sum & mask) == 0 && sum % 3 == 0 && sum != 0)
            {
                rollPlusOne = sum;
                break;
            }
        }

        _roll1 = h1;
        _roll2 = h2;
        _roll3 = h3;
        _window = window;
        return i;
    }

    private void AdvancePieceHashes(ReadOnlySpan<byte> segment)
    {
        // Gather every live FNV state, advance them together (independent chains run in parallel), scatter back.
        Span<uint> states = stackalloc uint[(2 * BlockHashes) + 8];
        int k = 0;
        for (int i = _bhStart; i < _bhEnd; i++)
        {
            states[k++] = _h[i];
            if (_dIndex[i] >= Length / 2)
            {
                states[k++] = _halfH[i];
            }
        }

        if (_needLastH)
        {
            states[k++] = _lastH;
        }

        FnvStates.Advance(states[..k], segment);

        k = 0;
        for (int i = _bhStart; i < _bhEnd; i++)
        {
            _h[i] = states[k++];
            if (_dIndex[i] >= Length / 2)
            {
                _halfH[i] = states[k++];
            }
        }

        if (_needLastH)
        {
            _lastH = states[k];
        }
    }

    // The byte just hashed ends a piece for the smallest live block size and possibly larger ones.
    private void OnTrigger(uint rollPlusOne)
    {
        uint multiples = (rollPlusOne / 3) >> _bhStart;
        int i = _bhStart;
        do
        {
            if (_dIndex[i] == 0)
            {
                TryFork();
            }

            int d = _dIndex[i];
            uint half = EffectiveHalfH(i);
            _digest[(i * Length) + d] = (byte)SsdeepBlock.Base64(_h[i]);
            _halfDigest[i] = (byte)SsdeepBlock.Base64(half);
            if (d < Length - 1)
            {
                // Past 63 characters the piece hash is no longer restarted, so the tail merges into the last one.
                d++;
                _dIndex[i] = d;
                _digest[(i * Length) + d] = 0;
                if (d == Length / 2)
                {
                    _halfH[i] = half;
                }

                _h[i] = HashInit;
                if (d < Length / 2)
                {
                    _halfH[i] = HashInit;
                    _halfDigest[i] = 0;
                }
            }
            else
            {
                TryReduce();
            }

            if ((multiples & 1) != 0)
            {
                break;
            }

            multiples >>= 1;
        }
        while (++i < _bhEnd);
    }

    // The first piece at the largest live block size starts following the next larger one.
    private void TryFork()
    {
        int last = _bhEnd - 1;
        if (_bhEnd <= _bhEndLimit)
        {
            _h[_bhEnd] = _h[last];
            _halfH[_bhEnd] = EffectiveHalfH(last);
            _dIndex[_bhEnd] = 0;
            _digest[_bhEnd * Length] = 0;
            _halfDigest[_bhEnd] = 0;
            _bhEnd++;
        }
        else if (_bhEnd == BlockHashes && !_needLastH)
        {
            _needLastH = true;
            _lastH = _h[last];
        }
    }

    // Drops the smallest block size once the final choice can no longer pick it: the input is already too long
    // for it and the next block size has at least 32 characters.
    private void TryReduce()
    {
        if (_bhEnd - _bhStart < 2)
        {
            return;
        }

        if (_reduceBorder >= (_fixedLength >= 0 ? _fixedLength : _totalLength))
        {
            return;
        }

        if (_dIndex[_bhStart + 1] < Length / 2)
        {
            return;
        }

        _bhStart++;
        _reduceBorder *= 2;
    }
}
