namespace AiCtiPortal.Domain.Indicators.Validation;

internal static class Hex
{
    public static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    public static bool IsAllHex(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExcept(HexDigits);

    /// <summary>Zero-based index of the first non-hex character, or -1.</summary>
    public static int FirstNonHex(ReadOnlySpan<char> s) => s.IndexOfAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
