using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// ssdeep's piece hash. Version 2.14 keeps only the low 6 bits of FNV-1 (state · 0x01000193 XOR byte). The low
/// 6 bits of a product and of an XOR depend only on the low 6 bits of the operands, so a state advances with
/// <c>s = s · 19 ^ byte</c> (0x01000193 mod 64 = 19) in full 32-bit arithmetic and is masked only when read:
/// no table, no mask in the loop, a 3-4 cycle dependency chain per state.
/// </summary>
internal static class FnvStates
{
    private const uint Prime = 19;

    /// <summary>Advances every state over <paramref name="data"/>, up to eight independent chains per pass.</summary>
    public static void Advance(Span<uint> states, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        Span<uint> group = stackalloc uint[8];
        while (states.Length >= 5)
        {
            int take = Math.Min(states.Length, 8);
            states[..take].CopyTo(group);
            Advance8(group, data);
            group[..take].CopyTo(states);
            states = states[take..];
        }

        if (!states.IsEmpty)
        {
            states.CopyTo(group);
            Advance4(group, data);
            group[..states.Length].CopyTo(states);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Advance8(Span<uint> s, ReadOnlySpan<byte> data)
    {
        uint a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
        ref byte src = ref MemoryMarshal.GetReference(data);
        nint n = data.Length;
        for (nint i = 0; i < n; i++)
        {
            uint x = Unsafe.Add(ref src, i);
            a = (a * Prime) ^ x;
            b = (b * Prime) ^ x;
            c = (c * Prime) ^ x;
            d = (d * Prime) ^ x;
            e = (e * Prime) ^ x;
            f = (f * Prime) ^ x;
            g = (g * Prime) ^ x;
            h = (h * Prime) ^ x;
        }

        s[0] = a;
        s[1] = b;
        s[2] = c;
        s[3] = d;
        s[4] = e;
        s[5] = f;
        s[6] = g;
        s[7] = h;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Advance4(Span<uint> s, ReadOnlySpan<byte> data)
    {
        uint a = s[0], b = s[1], c = s[2], d = s[3];
        ref byte src = ref MemoryMarshal.GetReference(data);
        nint n = data.Length;
        for (nint i = 0; i < n; i++)
        {
            uint x = Unsafe.Add(ref src, i);
            a = (a * Prime) ^ x;
            b = (b * Prime) ^ x;
            c = (c * Prime) ^ x;
            d = (d * Prime) ^ x;
        }

        s[0] = a;
        s[1] = b;
        s[2] = c;
        s[3] = d;
    }
}
