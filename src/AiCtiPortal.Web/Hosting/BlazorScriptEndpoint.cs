using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace AiCtiPortal.Web.Hosting;

/// <summary>
/// Serves Blazor's client script from Microsoft's ASP.NET Core 9 runtime pack, because the feed lacks the .NET 10
/// package that normally carries it (docs/decisions/0002-blazor-client-script.md). The script is read once, at
/// start-up, from the manifest resources of the copied assembly: never loaded as code, only read as data.
/// </summary>
internal sealed class BlazorScriptEndpoint
{
    public const string Route = "/_framework/blazor.web.js";
    public const string ResourceName = "_framework/blazor.web.js";

    private readonly byte[] _script;
    private readonly string _etag;

    private BlazorScriptEndpoint(byte[] script)
    {
        _script = script;
        _etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(script))[..32]}\"";
    }

    public int Length => _script.Length;

    public static BlazorScriptEndpoint Load(string assemblyPath)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"Blazor client script source {assemblyPath} is missing. Rebuild the web project (it copies the file) " +
                "or build with -p:UseBundledBlazorScript=false where the official package is available.", assemblyPath);
        }

        using var stream = File.OpenRead(assemblyPath);
        return new BlazorScriptEndpoint(ReadManifestResource(stream, ResourceName));
    }

    /// <summary>Reads an embedded manifest resource: a 4-byte little-endian length, then the bytes.</summary>
    internal static byte[] ReadManifestResource(Stream assembly, string name)
    {
        using var pe = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        var metadata = pe.GetMetadataReader();
        var resources = pe.PEHeaders.CorHeader?.ResourcesDirectory
            ?? throw new InvalidDataException("The assembly has no CLI header, so no manifest resources.");

        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != name)
            {
                continue;
            }

            var section = pe.GetSectionData(resources.RelativeVirtualAddress);
            var reader = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
            var length = reader.ReadInt32();
            if (length < 0 || length > reader.RemainingBytes)
            {
                throw new InvalidDataException($"Manifest resource {name} has an invalid length {length}.");
            }

            return reader.ReadBytes(length);
        }

        throw new InvalidDataException($"Manifest resource {name} was not found in the assembly.");
    }

    public async Task WriteAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ETag = _etag;
        // The URL carries no version, so browsers revalidate; the ETag makes that a cheap 304.
        headers.CacheControl = "no-cache";

        if (context.Request.Headers.IfNoneMatch.Contains(_etag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = "text/javascript; charset=utf-8";
        context.Response.ContentLength = _script.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(_script, context.RequestAborted);
        }
    }
}
