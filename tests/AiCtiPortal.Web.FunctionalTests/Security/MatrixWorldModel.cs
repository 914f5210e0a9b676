using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.FunctionalTests.Security;

public sealed record MatrixOrganisation(string Key, Guid Id, Tlp Clearance);

/// <summary>A seeded account: its roles and the organisations (by key) it belongs to.</summary>
public sealed record MatrixUser(string Key, string Id, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Organisations);

/// <summary>A curated set, its readers (organisation keys) and one export of it in every format.</summary>
public sealed record MatrixSet(string Key, Guid Id, Tlp Ceiling, IReadOnlyList<string> Readers, bool Archived, IReadOnlyDictionary<ExportFormat, Guid> Runs)
{
    public IEnumerable<Guid> RunIds => Runs.Values;
}

public enum MatrixItemKind
{
    Report,
    Indicator,
}

/// <summary>
/// A published item; <see cref="Value"/> is an indicator's domain (for lookups) or a report's title: text every export
/// format carries, where some formats derive their own ids.
/// </summary>
public sealed record MatrixItem(MatrixItemKind Kind, Guid Id, Tlp Tlp, string Value)
{
    public string StixId => $"{(Kind == MatrixItemKind.Report ? "report" : "indicator")}--{Id:D}";

    public override string ToString() => $"{Kind}:{Tlp}";
}

public enum TokenState
{
    Valid,
    Expired,
    Revoked,

    /// <summary>A bearer value that is not a token at all.</summary>
    Malformed,
}

/// <summary>A bearer token: personal (<see cref="User"/>) or an organisation's (<see cref="Organisation"/>).</summary>
public sealed record MatrixToken(string Key, string? User, string? Organisation, ApiTokenScopes Scopes, TokenState State, string Secret)
{
    public override string ToString() => Key;
}

/// <summary>Everything the matrix seeded, by key, for the rules and for the requests.</summary>
public sealed record MatrixWorldModel(
    string Marker,
    IReadOnlyDictionary<string, MatrixOrganisation> Organisations,
    IReadOnlyDictionary<string, MatrixUser> Users,
    IReadOnlyList<MatrixSet> Sets,
    IReadOnlyList<MatrixItem> Items,
    IReadOnlyList<MatrixToken> Tokens)
{
    public IEnumerable<MatrixItem> VisibleAt(Tlp? cap) => cap is { } c ? Items.Where(i => i.Tlp <= c) : [];

    public IEnumerable<MatrixItem> HiddenAt(Tlp? cap) => cap is { } c ? Items.Where(i => i.Tlp > c) : Items;
}
