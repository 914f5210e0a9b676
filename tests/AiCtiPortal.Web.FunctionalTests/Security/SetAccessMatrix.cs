using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.FunctionalTests.Security;

/// <summary>
/// Builds the cells: every set (or item) × every caller × every surface, each with the answer <see cref="SetAccessRules"/>
/// gives. Browsers are the anonymous visitor and the six seeded accounts signed in; token callers are every seeded token.
/// </summary>
internal sealed class SetAccessMatrix(MatrixWorldModel world, IReadOnlyList<MatrixCaller> browsers, IReadOnlyList<(MatrixToken Token, MatrixCaller Caller)> tokens)
{
    private const string ManifestFile = "manifest.json";

    /// <summary>The /exports page and every export package (manifest and files), for browsers and for bearer tokens (which cookie pages ignore).</summary>
    public IEnumerable<MatrixCell> ExportCells()
    {
        foreach (var browser in browsers)
        {
            var user = world.Users.Values.FirstOrDefault(u => u.Key == browser.Name);

            // A listed set shows its runs (counts, sizes, hashes, links) only to those cleared for each run's ceiling.
            yield return new MatrixCell("exports page", "all sets", browser, "/exports", false, user is null
                ? Expectation.Status(Outcome.Login)
                : Expectation.Ok(
                    world.Sets.Where(s => SetAccessRules.ListsOnExportsPage(user, s)).Select(s => s.Id)
                        .Concat(world.Sets.Where(s => SetAccessRules.ListsOnExportsPage(user, s) && SetAccessRules.MayDownload(user, s, world)).SelectMany(s => s.RunIds)),
                    world.Sets.Where(s => !SetAccessRules.ListsOnExportsPage(user, s)).Select(s => s.Id)
                        .Concat(world.Sets.Where(s => !SetAccessRules.ListsOnExportsPage(user, s) || !SetAccessRules.MayDownload(user, s, world)).SelectMany(s => s.RunIds))));

            foreach (var set in world.Sets)
            {
                var may = user is not null && SetAccessRules.MayDownload(user, set, world);
                var outcome = user is null ? Outcome.Login : may ? Outcome.Ok : Outcome.NotFound;
                foreach (var (format, runId) in set.Runs)
                {
                    yield return new MatrixCell($"export {format}", set.Key, browser, $"/exports/{runId}/{ManifestFile}", false,
                        outcome == Outcome.Ok ? PackageContent(format, SetAccessRules.ExportCeiling(set, world)) : Expectation.Status(outcome))
                    {
                        Package = true,
                    };
                }
            }
        }

        foreach (var (_, caller) in tokens)
        {
            yield return new MatrixCell("exports page", "all sets", caller, "/exports", false, Expectation.Status(Outcome.Login));
            foreach (var set in world.Sets)
            {
                foreach (var (format, runId) in set.Runs)
                {
                    yield return new MatrixCell($"export {format}", set.Key, caller, $"/exports/{runId}/{ManifestFile}", false,
                        Expectation.Status(Outcome.Login));
                }
            }
        }
    }

    /// <summary>
    /// The /api/v1 export reads: the set list, each set's export history, each export and its package (manifest and
    /// files, fetched with the same token). Browsers' cookies are ignored there, signed in or not.
    /// </summary>
    public IEnumerable<MatrixCell> ApiExportCells()
    {
        var (_, firstRun) = world.Sets[0].Runs.First();
        foreach (var browser in browsers)
        {
            yield return new MatrixCell("api sets", "all sets", browser, "/api/v1/sets", false, Expectation.Status(Outcome.Unauthorized));
            yield return new MatrixCell("api export file", world.Sets[0].Key, browser, $"/api/v1/exports/{firstRun}/files/{ManifestFile}", false,
                Expectation.Status(Outcome.Unauthorized));
        }

        foreach (var (token, caller) in tokens)
        {
            var refusal = Refusal(token, ApiTokenScopes.DownloadExports);
            yield return new MatrixCell("api sets", "all sets", caller, "/api/v1/sets", false, refusal ?? Expectation.Ok(
                world.Sets.Where(s => SetAccessRules.TokenCap(token, s, world) is not null).Select(s => s.Id),
                world.Sets.Where(s => SetAccessRules.TokenCap(token, s, world) is null).Select(s => s.Id)));

            // As for TAXII: a token refused at the door is refused the same everywhere; one set stands for all.
            foreach (var set in refusal is null ? world.Sets : [world.Sets[^1]])
            {
                var listed = refusal is null && SetAccessRules.TokenCap(token, set, world) is not null;
                var may = refusal is null && SetAccessRules.TokenMayDownload(token, set, world);
                var runIds = set.RunIds.ToList();
                yield return new MatrixCell("api exports", set.Key, caller, $"/api/v1/sets/{set.Id}/exports?pageSize=100", false, refusal ?? (listed
                    ? Expectation.Ok(may ? runIds : [], may ? [] : runIds)
                    : Expectation.Status(Outcome.NotFound)));
                foreach (var (format, runId) in set.Runs)
                {
                    yield return new MatrixCell("api export", set.Key, caller, $"/api/v1/exports/{runId}", false,
                        refusal ?? (may ? Expectation.Ok([runId], []) : Expectation.Status(Outcome.NotFound)));
                    yield return new MatrixCell($"api export {format}", set.Key, caller, $"/api/v1/exports/{runId}/files/{ManifestFile}", false,
                        refusal ?? (may ? PackageContent(format, SetAccessRules.ExportCeiling(set, world)) : Expectation.Status(Outcome.NotFound)))
                    {
                        Package = true,
                    };
                }
            }
        }
    }

    /// <summary>
    /// What a package built at <paramref name="ceiling"/> holds: every item up to it and nothing above, by id where the
    /// format keeps the portal's ids (STIX, and the STIX ids of CSV and JSON Lines rows) and by value and title always.
    /// The flat formats list indicators only; MISP events carry the indicators as attributes.
    /// </summary>
    private Expectation PackageContent(ExportFormat format, Tlp ceiling)
    {
        var visible = world.VisibleAt(ceiling).ToList();
        var hidden = world.HiddenAt(ceiling).ToList();
        var expected = format == ExportFormat.StixBundle ? visible : visible.Where(i => i.Kind == MatrixItemKind.Indicator).ToList();
        return Expectation.Ok(format == ExportFormat.MispEvents ? [] : expected.Select(i => i.Id), hidden.Select(i => i.Id)) with
        {
            MustContainText = expected.Select(i => i.Value).ToList(),
            MustNotContainText = hidden.Select(i => i.Value).ToList(),
        };
    }

    /// <summary>TAXII: collections, one collection, its objects and manifest, and every item as an object and its versions.</summary>
    public IEnumerable<MatrixCell> TaxiiCells()
    {
        // Browsers, signed in or not, are not TAXII clients: cookies never authenticate there.
        foreach (var browser in browsers)
        {
            yield return Taxii("taxii collections", "all sets", browser, "/taxii2/api/collections/", Expectation.Status(Outcome.Unauthorized));
            foreach (var set in world.Sets)
            {
                yield return Taxii("taxii objects", set.Key, browser, $"/taxii2/api/collections/{set.Id}/objects/", Expectation.Status(Outcome.Unauthorized));
            }
        }

        foreach (var (token, caller) in tokens)
        {
            var refusal = Refusal(token, ApiTokenScopes.DownloadExports);
            yield return Taxii("taxii collections", "all sets", caller, "/taxii2/api/collections/", refusal ?? Expectation.Ok(
                world.Sets.Where(s => SetAccessRules.TokenCap(token, s, world) is not null).Select(s => s.Id),
                world.Sets.Where(s => SetAccessRules.TokenCap(token, s, world) is null).Select(s => s.Id)));

            foreach (var set in world.Sets)
            {
                var cap = refusal is null ? SetAccessRules.TokenCap(token, set, world) : null;
                Expectation ForSet(Func<Expectation> readable) =>
                    refusal ?? (cap is null ? Expectation.Status(Outcome.NotFound) : readable());

                var collection = $"/taxii2/api/collections/{set.Id}/";
                var visible = world.VisibleAt(cap).Select(i => i.Id).ToList();
                var hidden = world.HiddenAt(cap).Select(i => i.Id).ToList();
                yield return Taxii("taxii collection", set.Key, caller, collection, ForSet(() => Expectation.Ok([set.Id], [])));
                yield return Taxii("taxii objects", set.Key, caller, collection + "objects/", ForSet(() => Expectation.Ok(visible, hidden)));
                yield return Taxii("taxii manifest", set.Key, caller, collection + "manifest/", ForSet(() => Expectation.Ok(visible, hidden)));
                // Where the door is shut (no token, no scope, a set hidden from the caller) every item gets the same
                // answer, so the most restricted one stands for them; behind an open door every item is asked for.
                foreach (var item in cap is null ? [world.Items[^1]] : world.Items)
                {
                    var shown = cap is { } c && item.Tlp <= c;
                    var target = $"{set.Key}/{item}";
                    yield return Taxii("taxii object", target, caller, $"{collection}objects/{item.StixId}/", ForSet(() => shown
                        ? Expectation.Ok([item.Id], hidden)
                        : Expectation.Status(Outcome.NotFound)));
                    yield return Taxii("taxii versions", target, caller, $"{collection}objects/{item.StixId}/versions/", ForSet(() => shown
                        ? Expectation.Ok([], hidden)
                        : Expectation.Status(Outcome.NotFound)));
                }
            }
        }
    }

    /// <summary>The /api/v1 catalogue reads: searches, every item's detail, and every indicator's lookup.</summary>
    public IEnumerable<MatrixCell> ApiCells()
    {
        var reportSearch = $"/api/v1/reports?q={world.Marker}&pageSize=100";
        var indicatorSearch = $"/api/v1/indicators?q={world.Marker}&pageSize=100";
        foreach (var browser in browsers)
        {
            yield return new MatrixCell("api reports", "catalogue", browser, reportSearch, false, Expectation.Status(Outcome.Unauthorized));
            yield return new MatrixCell("api report", "Report:Clear", browser, ItemUrl(world.Items[0]), false, Expectation.Status(Outcome.Unauthorized));
        }

        foreach (var (token, caller) in tokens)
        {
            var refusal = Refusal(token, ApiTokenScopes.ReadCatalogue);
            Tlp? clearance = refusal is null ? SetAccessRules.TokenClearance(token, world) : null;
            var visible = world.VisibleAt(clearance).ToList();
            var hidden = world.HiddenAt(clearance).Select(i => i.Id).ToList();
            var visibleReports = visible.Where(i => i.Kind == MatrixItemKind.Report).Select(i => i.Id).ToList();
            var visibleIndicators = visible.Where(i => i.Kind == MatrixItemKind.Indicator).Select(i => i.Id).ToList();
            yield return new MatrixCell("api reports", "catalogue", caller, reportSearch, false,
                refusal ?? Expectation.Ok(visibleReports, hidden) with { TotalCount = visibleReports.Count });
            yield return new MatrixCell("api indicators", "catalogue", caller, indicatorSearch, false,
                refusal ?? Expectation.Ok(visibleIndicators, hidden) with { TotalCount = visibleIndicators.Count });
            // As for TAXII: a token refused at the door is refused the same for every item; the most restricted stands for all.
            foreach (var item in refusal is null ? world.Items : [world.Items[^1]])
            {
                var shown = visible.Contains(item);
                var readable = shown ? Expectation.Ok([item.Id], hidden) : Expectation.Status(Outcome.NotFound);
                yield return new MatrixCell($"api {item.Kind.ToString().ToLowerInvariant()}", item.ToString(), caller, ItemUrl(item), false, refusal ?? readable);
                if (item.Kind == MatrixItemKind.Indicator)
                {
                    yield return new MatrixCell("api lookup", item.ToString(), caller,
                        $"/api/v1/indicators/lookup?type=Domain&value={Uri.EscapeDataString(item.Value)}", false, refusal ?? readable);
                }
            }
        }
    }

    private static string ItemUrl(MatrixItem item) =>
        item.Kind == MatrixItemKind.Report ? $"/api/v1/reports/{item.Id}" : $"/api/v1/indicators/{item.Id}";

    private static MatrixCell Taxii(string surface, string target, MatrixCaller caller, string url, Expectation expected) =>
        new(surface, target, caller, url, true, expected);

    /// <summary>401 for a token that does not authenticate, 403 for one without the scope, null when it may go on.</summary>
    private Expectation? Refusal(MatrixToken token, ApiTokenScopes scope) =>
        SetAccessRules.EffectiveScopes(token, world) switch
        {
            null => Expectation.Status(Outcome.Unauthorized),
            var scopes when (scopes & scope) == 0 => Expectation.Status(Outcome.Forbidden),
            _ => null,
        };
}
