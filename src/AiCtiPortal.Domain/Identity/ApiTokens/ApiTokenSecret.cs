using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AiCtiPortal.Domain.Identity.ApiTokens;

/// <summary>
/// The token format: "aicti_" + 10 hex characters of random prefix + "_" + 32 random bytes in base64url, 60 characters
/// in all. The "aicti_" mark lets secret scanners recognise leaked tokens; the prefix is public and finds the row; the
/// 256 secret bits make guessing pointless. The stored hash covers the whole string, so prefix and secret are bound.
/// </summary>
public static class ApiTokenSecret
{
    public const string Mark = "aicti_";
    public const int PrefixLength = 10;
    private const int SecretBytes = 32;
    private const int SecretLength = 43; // base64url of 32 bytes, unpadded
    public const int TokenLength = 6 /* aicti_ */ + PrefixLength + 1 + SecretLength;

    public static (string Token, string Prefix) Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return ($"{Mark}{prefix}_{secret}", prefix);
    }

    /// <summary>The prefix of a well-formed token, or null for anything else (checked by shape only).</summary>
    public static string? PrefixOf(string? token)
    {
        if (token is null || token.Length != TokenLength || !token.StartsWith(Mark, StringComparison.Ordinal) || token[Mark.Length + PrefixLength] != '_')
        {
            return null;
        }

        var prefix = token.AsSpan(Mark.Length, PrefixLength);
        var secret = token.AsSpan(Mark.Length + PrefixLength + 1);
        foreach (var c in prefix)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return null;
            }
        }

        foreach (var c in secret)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return null;
            }
        }

        return prefix.ToString();
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string HashHex(string token) => Convert.ToHexStringLower(Hash(token));

    /// <summary>How a token is shown once its secret is gone.</summary>
    public static string Display(string prefix) => $"{Mark}{prefix}_…";
}
