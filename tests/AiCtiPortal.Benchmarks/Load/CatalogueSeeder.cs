using System.Diagnostics;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.AspNetCore.Identity;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// Writes a realistic catalogue into a freshly migrated portal database: accounts with roles, an organisation for the
/// consumers, an ATLAS-like technique table, reports in every state with references, techniques, a version and
/// rubric-scored reviews, indicators of every catalogue type linked to them, and a review queue. Deterministic for
/// a given size (seeded random), streamed table by table so memory stays at a few arrays of ids.
/// </summary>
internal sealed class CatalogueSeeder(BulkTarget target, CatalogueSize size)
{
    private const int Seed = 20261123;

    private readonly Random _random = new(Seed);
    private readonly DateTime _now = DateTime.UtcNow;
    private readonly List<string> _userIds = [];
    private readonly List<int> _reviewerUsers = [];

    // One entry per report, indexed alike.
    private Guid[] _reportIds = [];
    private int[] _reportAuthors = [];
    private Tlp[] _reportTlp = [];
    private ContentStatus[] _reportStatus = [];
    private int[] _reportVersion = [];
    private DateTime[] _reportSubmitted = [];

    public async Task SeedAsync(CancellationToken ct)
    {
        await Step("(dropping the bulk tables' indexes)", () => target.PrepareAsync(ct));
        await Step("accounts and roles", () => SeedAccountsAsync(ct));
        await Step("ATLAS-like techniques", () => Task.Run(SeedTechniques, ct));
        await Step("reports", () => Task.Run(SeedReports, ct));
        await Step("references, techniques, versions", () => Task.Run(SeedReportDetails, ct));
        await Step("reviews", () => Task.Run(SeedReviews, ct));
        await Step("indicators and links", () => Task.Run(SeedIndicators, ct));
        await Step("indexes and statistics", () => target.FinishAsync(ct));
    }

    private static async Task Step(string name, Func<Task> work)
    {
        var start = Stopwatch.GetTimestamp();
        await work();
        Console.WriteLine($"  seeded {name,-36} {Stats.F(Stats.Milliseconds(start) / 1000, "0.0"),7} s");
    }

    private async Task SeedAccountsAsync(CancellationToken ct)
    {
        var roleIds = new Dictionary<string, string>();
        foreach (var role in PortalRoles.All)
        {
            roleIds[role] = (string?)await target.ScalarAsync(
                $"SELECT \"Id\" FROM \"AspNetRoles\" WHERE \"NormalizedName\" = '{role.ToUpperInvariant()}'", ct)
                ?? throw new InvalidOperationException($"Role {role} is missing: the initializer should have created it.");
        }

        // One hash for every account: PBKDF2 with its own salt, valid for whichever account stores it.
        var hash = new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), LoadAccounts.Password);
        var accounts = LoadAccounts.All.ToList();
        for (var i = 0; i < size.Authors; i++)
        {
            // Every fifth author reviews too, so reviews come from a pool wider than the simulated reviewers.
            accounts.Add((LoadAccounts.Author(i), i % 5 == 0
                ? [PortalRoles.Contributor, PortalRoles.Reviewer]
                : [PortalRoles.Contributor]));
        }

        var organisationId = Guid.NewGuid();
        using (var users = target.Open("AspNetUsers", "Id", "DisplayName", "CreatedAt", "UserName", "NormalizedUserName",
                   "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
                   "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount"))
        {
            foreach (var (email, _) in accounts)
            {
                var id = Guid.NewGuid().ToString();
                _userIds.Add(id);
                var upper = email.ToUpperInvariant();
                users.Write(id, email.Split('@')[0], _now.AddDays(-1200), email, upper, email, upper, true, hash,
                    Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString(), false, false, true, 0);
            }
        }

        using (var userRoles = target.Open("AspNetUserRoles", "UserId", "RoleId"))
        {
            for (var i = 0; i < accounts.Count; i++)
            {
                foreach (var role in accounts[i].Roles)
                {
                    userRoles.Write(_userIds[i], roleIds[role]);
                }

                if (accounts[i].Roles.Contains(PortalRoles.Reviewer))
                {
                    _reviewerUsers.Add(i);
                }
            }
        }

        using (var organisations = target.Open("Organisations", "Id", "Name", "Description", "Clearance", "CreatedAt"))
        {
            organisations.Write(organisationId, LoadAccounts.ConsumerOrganisation, "Consumers of the load benchmark.", (int)Tlp.Amber, _now.AddDays(-1000));
        }

        using var memberships = target.Open("OrganisationMemberships", "OrganisationId", "UserId", "JoinedAt");
        for (var i = 0; i < accounts.Count; i++)
        {
            if (accounts[i].Roles.Contains(PortalRoles.Consumer))
            {
                memberships.Write(organisationId, _userIds[i], _now.AddDays(-900));
            }
        }
    }

    private void SeedTechniques()
    {
        using (var tactics = target.Open("AtlasTactics", "Id", "Name", "Description", "Order"))
        {
            for (var i = 0; i < AtlasLikeIds.Tactics.Count; i++)
            {
                tactics.Write(AtlasLikeIds.Tactics[i], $"Tactic {i + 1}", "Synthetic tactic for the load benchmark.", i);
            }
        }

        using (var techniques = target.Open("AtlasTechniques", "Id", "Name", "Description", "ParentId", "Maturity"))
        {
            foreach (var id in AtlasLikeIds.Techniques)
            {
                techniques.Write(id, $"Technique {id[4..]}", "Synthetic technique for the load benchmark.", AtlasLikeIds.ParentOf(id), "demonstrated");
            }
        }

        using var links = target.Open("AtlasTechniqueTactics", "TechniqueId", "TacticId");
        foreach (var id in AtlasLikeIds.Techniques.Where(t => AtlasLikeIds.ParentOf(t) is null))
        {
            links.Write(id, AtlasLikeIds.Tactics[AtlasLikeIds.Number(id) % AtlasLikeIds.Tactics.Count]);
        }
    }

    private void SeedReports()
    {
        var total = size.TotalReports;
        _reportIds = new Guid[total];
        _reportAuthors = new int[total];
        _reportTlp = new Tlp[total];
        _reportStatus = new ContentStatus[total];
        _reportVersion = new int[total];
        _reportSubmitted = new DateTime[total];
        using var reports = target.Open("Reports", "Id", "Title", "Summary", "BodyMarkdown", "Phases", "Tlp", "Confidence",
            "Status", "AuthorId", "CreatedAt", "UpdatedAt", "SubmittedAt", "PublishedAt", "Version", "ConcurrencyStamp");
        for (var r = 0; r < total; r++)
        {
            var status = r < size.PublishedReports ? ContentStatus.Published
                : r < size.PublishedReports + size.QueueReports ? ContentStatus.InReview
                : SyntheticText.Pick(_random, [ContentStatus.Draft, ContentStatus.Draft, ContentStatus.ChangesRequested, ContentStatus.Rejected]);
            var created = _now.AddMinutes(-_random.Next(60, 3 * 365 * 24 * 60));
            // The queue's ages run from minutes to a month, so "oldest first" has something to sort.
            var submitted = status == ContentStatus.InReview
                ? _now.AddMinutes(-_random.Next(5, 30 * 24 * 60))
                : created.AddMinutes(_random.Next(10, 7 * 24 * 60));
            var published = status == ContentStatus.Published ? submitted.AddMinutes(_random.Next(30, 14 * 24 * 60)) : (DateTime?)null;
            if (published > _now)
            {
                published = _now.AddMinutes(-1);
            }

            var author = _random.Next(_userIds.Count);
            var version = _random.Next(10) == 0 ? 2 : 1;
            var codeName = SyntheticText.CodeName(_random);
            var title = SyntheticText.Title(_random, codeName);
            var summary = SyntheticText.Summary(_random, codeName);
            _reportIds[r] = Guid.NewGuid();
            _reportAuthors[r] = author;
            _reportTlp[r] = PickTlp();
            _reportStatus[r] = status;
            _reportVersion[r] = version;
            _reportSubmitted[r] = submitted;
            reports.Write(_reportIds[r], title, summary, SyntheticText.Body(_random, title, summary), (int)PickPhases(),
                (int)_reportTlp[r], 10 + 5 * _random.Next(19), status.ToString(), _userIds[author], created,
                published ?? submitted, status == ContentStatus.Draft ? null : submitted, published, version, Guid.NewGuid());
        }
    }

    private void SeedReportDetails()
    {
        using (var references = target.Open("ReportReferences", "Id", "ReportId", "Url", "Title"))
        {
            for (var r = 0; r < _reportIds.Length; r++)
            {
                for (var k = 1 + _random.Next(2); k > 0; k--)
                {
                    references.Write(Guid.NewGuid(), _reportIds[r], $"https://research.example.org/{r}/advisory-{k}", $"Advisory {k}");
                }
            }
        }

        using (var techniques = target.Open("ReportTechniques", "ReportId", "TechniqueId"))
        {
            for (var r = 0; r < _reportIds.Length; r++)
            {
                // Skewed: a few techniques (the first ones) are far more common, as in real reporting.
                var chosen = new HashSet<string>(StringComparer.Ordinal);
                for (var k = 1 + _random.Next(4); k > 0; k--)
                {
                    var index = (int)(AtlasLikeIds.Techniques.Count * Math.Pow(_random.NextDouble(), 2));
                    chosen.Add(AtlasLikeIds.Techniques[index]);
                }

                foreach (var technique in chosen)
                {
                    techniques.Write(_reportIds[r], technique);
                }
            }
        }

        using var versions = target.Open("ReportVersions", "Id", "ReportId", "Number", "SnapshotJson", "ChangeNote", "AuthorId", "CreatedAt");
        for (var r = 0; r < _reportIds.Length; r++)
        {
            if (_reportStatus[r] == ContentStatus.Draft)
            {
                continue;
            }

            for (var number = 1; number <= _reportVersion[r]; number++)
            {
                var snapshot = new ReportSnapshot($"Report {r} version {number}", "Snapshot taken by the load seeder.", "",
                    SupplyChainPhase.ModelArtifact, _reportTlp[r], 50, ContentStatus.InReview, [], [], []);
                versions.Write(Guid.NewGuid(), _reportIds[r], number, snapshot.ToJson(),
                    number == 1 ? "Submitted for review." : "Resubmitted after changes were requested.",
                    _userIds[_reportAuthors[r]], _reportSubmitted[r].AddMinutes(number - 2));
            }
        }
    }

    private void SeedReviews()
    {
        using var reviews = target.Open("Reviews", "Id", "ReportId", "ReportVersion", "ReviewerId", "Decision", "Comment",
            "EvidenceScore", "SpecificityScore", "CorrectnessScore", "NoveltyScore", "CompletenessScore", "CreatedAt");
        for (var r = 0; r < _reportIds.Length; r++)
        {
            var (count, decision) = _reportStatus[r] switch
            {
                // TLP:CLEAR needs two approvals (ReviewOptions.ClearQuorum), everything else one.
                ContentStatus.Published => (_reportTlp[r] == Tlp.Clear ? 2 : 1 + _random.Next(2), "Approve"),
                ContentStatus.InReview => (_random.Next(5) == 0 ? 1 : 0, "Approve"),
                ContentStatus.ChangesRequested => (1, "RequestChanges"),
                ContentStatus.Rejected => (1, "Reject"),
                _ => (0, ""),
            };
            var used = new HashSet<int>();
            while (used.Count < count)
            {
                var reviewer = _reviewerUsers[_random.Next(_reviewerUsers.Count)];
                if (reviewer == _reportAuthors[r] || !used.Add(reviewer))
                {
                    continue;
                }

                reviews.Write(Guid.NewGuid(), _reportIds[r], _reportVersion[r], _userIds[reviewer], decision,
                    decision == "Approve" ? null : "The indicators need sources; please add the sample hashes.",
                    Score(), Score(), Score(), Score(), Score(), _reportSubmitted[r].AddMinutes(_random.Next(5, 600)));
            }
        }
    }

    private void SeedIndicators()
    {
        var indicatorIds = new Guid[size.Indicators];
        var links = new List<(int Report, int Indicator)>(size.Indicators + size.Indicators / 8);
        long generatingTicks = 0;
        using (var indicators = target.Open("Indicators", "Id", "Type", "Value", "NormalizedValue", "ValueHash", "Description",
                   "Phases", "Tlp", "Confidence", "Status", "CreatedById", "CreatedAt", "UpdatedAt", "FirstSeen", "LastSeen",
                   "ValidUntil", "SightingCount", "ConcurrencyStamp"))
        {
            for (var i = 0; i < size.Indicators; i++)
            {
                var r = _random.Next(_reportIds.Length);
                var generating = Stopwatch.GetTimestamp();
                var type = SyntheticIndicators.PickType(_random);
                var (raw, normalized) = SyntheticIndicators.Create(type, _random);
                var hash = IndicatorCatalogue.ValueHash(type, normalized);
                generatingTicks += Stopwatch.GetTimestamp() - generating;
                var status = _reportStatus[r] switch
                {
                    ContentStatus.Published => ContentStatus.Published,
                    ContentStatus.InReview => ContentStatus.InReview,
                    _ => ContentStatus.Draft,
                };
                var firstSeen = _reportSubmitted[r].AddDays(-_random.Next(1, 90));
                indicatorIds[i] = Guid.NewGuid();
                indicators.Write(indicatorIds[i], type.ToString(), raw, normalized, hash,
                    _random.Next(3) == 0 ? null : $"Seen in {SyntheticText.Pick(_random, SyntheticText.Components)}.",
                    (int)IndicatorCatalogue.Describe(type).DefaultPhases, (int)_reportTlp[r], 10 + 5 * _random.Next(19),
                    status.ToString(), _userIds[_reportAuthors[r]], _reportSubmitted[r], _reportSubmitted[r],
                    firstSeen, firstSeen.AddDays(_random.Next(0, 60)), _random.Next(4) == 0 ? _now.AddDays(_random.Next(30, 365)) : null,
                    _random.Next(20), Guid.NewGuid());
                links.Add((r, i));

                // One in ten indicators is documented by a second report as well.
                if (_random.Next(10) == 0)
                {
                    var other = _random.Next(_reportIds.Length);
                    if (other != r)
                    {
                        links.Add((other, i));
                    }
                }
            }
        }

        Console.WriteLine($"    (of which validating and hashing values {Stats.F(generatingTicks / (double)Stopwatch.Frequency, "0.0")} s)");
        using var reportIndicators = target.Open("ReportIndicators", "ReportId", "IndicatorId");
        foreach (var (report, indicator) in links)
        {
            reportIndicators.Write(_reportIds[report], indicatorIds[indicator]);
        }
    }

    private Tlp PickTlp() => _random.Next(100) switch
    {
        < 50 => Tlp.Clear,
        < 80 => Tlp.Green,
        < 95 => Tlp.Amber,
        < 98 => Tlp.AmberStrict,
        _ => Tlp.Red,
    };

    private SupplyChainPhase PickPhases()
    {
        var phases = SupplyChainPhase.None;
        for (var k = 1 + _random.Next(3); k > 0; k--)
        {
            phases |= (SupplyChainPhase)(1 << _random.Next(6));
        }

        return phases;
    }

    private int Score() => 1 + _random.Next(5);
}
