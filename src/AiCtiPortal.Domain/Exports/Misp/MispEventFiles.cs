using AiCtiPortal.Domain.Exports.Packages;

namespace AiCtiPortal.Domain.Exports.Misp;

/// <summary>What a MISP export wrote, for the package manifest's counts.</summary>
public sealed record MispExportCounts(long Events, long Attributes, long Objects)
{
    public IReadOnlyDictionary<string, long> ToManifestCounts() =>
        new Dictionary<string, long>(StringComparer.Ordinal) { ["events"] = Events, ["attributes"] = Attributes, ["objects"] = Objects };
}

/// <summary>
/// A MISP export as a package of one <c>{event uuid}.json</c> file per report (the layout of a MISP feed's event
/// files, each importable as it is). Events are read one at a time and each file is closed as soon as it is written,
/// so neither events nor open files accumulate, however large the set.
/// </summary>
public static class MispEventFiles
{
    public static Task<MispExportCounts> WriteAllAsync(
        ExportPackage package, IAsyncEnumerable<MispEventInput> events, MispExportOptions options, IProgress<long>? progress,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        return WriteAllAsync(package.CreateFile, events, options, progress, ct);
    }

    /// <summary>Each event to a new stream from <paramref name="createFile"/> (given the file name), disposed once written.</summary>
    public static async Task<MispExportCounts> WriteAllAsync(
        Func<string, Stream> createFile, IAsyncEnumerable<MispEventInput> events, MispExportOptions options, IProgress<long>? progress,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(createFile);
        ArgumentNullException.ThrowIfNull(events);
        var writer = new MispEventWriter(options);
        long eventCount = 0, attributes = 0, objects = 0;
        await foreach (var input in events.WithCancellation(ct))
        {
            MispEventResult result;
            await using (var file = createFile(MispEventWriter.FileNameOf(input)))
            {
                result = await writer.WriteAsync(file, input, ct);
            }

            eventCount++;
            attributes += result.Attributes;
            objects += result.Objects;
            progress?.Report(eventCount);
        }

        return new MispExportCounts(eventCount, attributes, objects);
    }
}
