using System.Net;
using System.Text.Json;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;

namespace AiCtiPortal.Web.FunctionalTests.Security;

/// <summary>The answers the matrix tells apart.</summary>
public enum Outcome
{
    Ok,

    /// <summary>302 to /Account/Login: a cookie page asking to sign in.</summary>
    Login,

    Unauthorized,
    Forbidden,
    NotFound,
}

/// <summary>
/// What one cell must answer. For a 200, every id in <see cref="MustContain"/> must appear in the body and none in
/// <see cref="MustNotContain"/> (item, set and run ids are GUIDs, which every surface writes in the same "D" form);
/// a search's <see cref="TotalCount"/>, when given, must count only what the caller may see.
/// </summary>
public sealed record Expectation(Outcome Outcome, IReadOnlyCollection<Guid> MustContain, IReadOnlyCollection<Guid> MustNotContain)
{
    public int? TotalCount { get; init; }

    /// <summary>Text (indicator values, report titles) for formats that derive ids of their own, such as MISP's uuids.</summary>
    public IReadOnlyCollection<string> MustContainText { get; init; } = [];

    public IReadOnlyCollection<string> MustNotContainText { get; init; } = [];

    public static Expectation Status(Outcome outcome) => new(outcome, [], []);

    public static Expectation Ok(IEnumerable<Guid> contain, IEnumerable<Guid> notContain) => new(Outcome.Ok, contain.ToList(), notContain.ToList());
}

/// <summary>How a cell's request is sent: as a browser (its own cookie client, or none) or with a bearer value.</summary>
public sealed record MatrixCaller(string Name, HttpClient Client, string? Bearer)
{
    public override string ToString() => Name;
}

/// <summary>
/// One request of the matrix with its coordinates and the answer the rules expect. A <see cref="Package"/> cell asks
/// for an export's manifest and, when it is served, every file the manifest lists: the body checked is all of them.
/// </summary>
public sealed record MatrixCell(string Surface, string Target, MatrixCaller Caller, string Url, bool Taxii, Expectation Expected)
{
    public bool Package { get; init; }

    private const string TaxiiMediaType = "application/taxii+json;version=2.1";

    public string Coordinates => $"[{Surface}] target={Target} caller={Caller.Name} GET {Url}";

    /// <summary>Sends the request; returns null when the answer is the expected one, or what was wrong with it.</summary>
    public async Task<string?> CheckAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        if (Taxii)
        {
            request.Headers.TryAddWithoutValidation("Accept", TaxiiMediaType);
        }

        if (Caller.Bearer is { } bearer)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
        }

        using var response = await Caller.Client.SendAsync(request);
        var (actual, description) = Observe(response);
        if (actual != Expected.Outcome)
        {
            return $"expected {Expected.Outcome}, got {description}";
        }

        if (actual != Outcome.Ok)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        if (Package)
        {
            body += await FilesAsync(body);
        }

        var missing = Expected.MustContain.Select(id => id.ToString("D")).Concat(Expected.MustContainText)
            .Where(text => !body.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
        var leaked = Expected.MustNotContain.Select(id => id.ToString("D")).Concat(Expected.MustNotContainText)
            .Where(text => body.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
        var counted = Expected.TotalCount is null ? null : (int?)JsonDocument.Parse(body).RootElement.GetProperty("totalCount").GetInt32();
        var miscounted = counted != Expected.TotalCount;
        if (missing.Count == 0 && leaked.Count == 0 && !miscounted)
        {
            return null;
        }

        return string.Join("; ", new[]
        {
            leaked.Count > 0 ? $"LEAKED {string.Join(", ", leaked)}" : null,
            missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : null,
            miscounted ? $"totalCount {counted}, expected {Expected.TotalCount}" : null,
        }.Where(s => s is not null));
    }

    /// <summary>Every file the served manifest lists, fetched by the same caller; a file it cannot have is itself a finding.</summary>
    private async Task<string> FilesAsync(string manifest)
    {
        var folder = Url[..(Url.LastIndexOf('/') + 1)];
        var files = new System.Text.StringBuilder();
        foreach (var file in JsonDocument.Parse(manifest).RootElement.GetProperty("files").EnumerateArray())
        {
            var name = file.GetProperty("name").GetString()!;
            using var request = new HttpRequestMessage(HttpMethod.Get, folder + Uri.EscapeDataString(name));
            if (Caller.Bearer is { } bearer)
            {
                request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
            }

            using var response = await Caller.Client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"the manifest lists {name}, which answered {(int)response.StatusCode}");
            }

            files.Append('\n').Append(await response.Content.ReadAsStringAsync());
        }

        return files.ToString();
    }

    private static (Outcome? Outcome, string Description) Observe(HttpResponseMessage response)
    {
        var location = response.RedirectPath();
        var description = location is null ? $"{(int)response.StatusCode}" : $"{(int)response.StatusCode} -> {location}";
        Outcome? outcome = response.StatusCode switch
        {
            HttpStatusCode.OK => Outcome.Ok,
            HttpStatusCode.Unauthorized => Outcome.Unauthorized,
            HttpStatusCode.Forbidden => Outcome.Forbidden,
            HttpStatusCode.NotFound => Outcome.NotFound,
            HttpStatusCode.Redirect when location?.StartsWith("/Account/Login", StringComparison.Ordinal) == true => Outcome.Login,
            _ => null,
        };
        return (outcome, description);
    }
}
