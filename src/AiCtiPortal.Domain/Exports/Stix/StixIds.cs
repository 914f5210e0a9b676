using System.Security.Cryptography;
using System.Text;

namespace AiCtiPortal.Domain.Exports.Stix;

/// <summary>
/// STIX identifiers. Items the portal stores keep their database Guid (<c>indicator--{Id}</c>), so a re-export names
/// the same object; objects the export derives (ATLAS attack patterns, relationships, sightings, the portal's identity)
/// get name-based UUIDv5 ids (RFC 9562 section 5.5) under the portal's own namespace, which are equally stable.
/// </summary>
public static class StixIds
{
    /// <summary>The portal's UUID namespace; fixed forever, or every derived id changes.</summary>
    private static readonly Guid PortalNamespace = new("5d0c6c9e-6b1f-4f43-9a55-2f3b8a7d0e41");

    /// <summary>The identity object every exported object names as its creator.</summary>
    public static string PortalIdentity { get; } = Derived("identity", "AiCtiPortal");

    public static string Of(string type, Guid id) => $"{type}--{id:D}";

    /// <summary>A stable id for an object that exists only in exports, from a name unique within its type.</summary>
    public static string Derived(string type, string name) => Of(type, NameBasedV5(PortalNamespace, $"{type}:{name}"));

    public static string AttackPattern(string atlasId) => Derived("attack-pattern", atlasId);

    public static Guid NameBasedV5(Guid space, string name)
    {
        var namespaceBytes = space.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[namespaceBytes.Length + nameBytes.Length];
        namespaceBytes.CopyTo(input, 0);
        nameBytes.CopyTo(input, namespaceBytes.Length);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 9562 defines version 5 on SHA-1; this names objects, it protects nothing.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
