namespace AiCtiPortal.Domain.Atlas;

internal static class BoundedCopy
{
    /// <summary>Reads the whole stream into memory, failing as soon as it passes <paramref name="maxBytes"/>.</summary>
    public static async Task<MemoryStream> ReadAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new AtlasFormatException(
                    $"The file is larger than the {maxBytes / (1024.0 * 1024):0.#} MB limit (Jobs:AtlasImport:MaxBytes); ATLAS.yaml is well under 1 MB. Is it the right file?");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }
}
