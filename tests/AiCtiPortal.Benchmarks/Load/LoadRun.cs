using System.Collections.Concurrent;
using System.Diagnostics;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// A closed-loop load: every simulated user signs in, then issues its next request as soon as the previous one
/// answered (plus an optional think time), for a warm-up that is not counted and then for the measured duration.
/// </summary>
internal sealed class LoadRun(Uri baseAddress, RequestMix mix, int users, TimeSpan warmUp, TimeSpan duration, TimeSpan thinkTime)
{
    public ConcurrentBag<Sample> Samples { get; } = [];

    /// <summary>The users, by kind: a fifth anonymous, a quarter consumers, a quarter contributors, the rest reviewers.</summary>
    public IReadOnlyList<SimulatedUser> CreateUsers()
    {
        var anonymous = users / 5;
        var consumers = users / 4;
        var contributors = users / 4;
        var reviewers = users - anonymous - consumers - contributors;
        var list = new List<SimulatedUser>();
        list.AddRange(Enumerable.Range(0, anonymous).Select(_ => new SimulatedUser(baseAddress, UserKind.Anonymous, null)));
        list.AddRange(Accounts("consumer", consumers).Select(e => new SimulatedUser(baseAddress, UserKind.Consumer, e)));
        list.AddRange(Accounts("contributor", contributors).Select(e => new SimulatedUser(baseAddress, UserKind.Contributor, e)));
        list.AddRange(Accounts("reviewer", reviewers).Select(e => new SimulatedUser(baseAddress, UserKind.Reviewer, e)));
        return list;
    }

    public async Task RunAsync(IReadOnlyList<SimulatedUser> simulated, CancellationToken ct)
    {
        await Task.WhenAll(simulated.Select(u => u.SignInAsync(ct)));
        var clock = Stopwatch.StartNew();
        var measuring = warmUp;
        var end = warmUp + duration;
        var loops = simulated.Select((user, i) => Task.Run(async () =>
        {
            var random = new Random(1000 + i);
            while (clock.Elapsed < end && !ct.IsCancellationRequested)
            {
                var (kind, url) = mix.Next(user.Kind, random);
                var startedAt = clock.Elapsed;
                var sample = await user.GetAsync(kind, url, ct);
                if (startedAt >= measuring && clock.Elapsed <= end)
                {
                    Samples.Add(sample);
                }

                if (thinkTime > TimeSpan.Zero)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(thinkTime.TotalMilliseconds * (0.5 + random.NextDouble())), ct);
                }
            }
        }, ct));
        await Task.WhenAll(loops);
    }

    private IEnumerable<string> Accounts(string prefix, int count)
    {
        var available = LoadAccounts.All.Select(a => a.Email).Where(e => e.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (count > available.Count)
        {
            throw new ArgumentException($"The seeded catalogue has {available.Count} {prefix} accounts; --users asks for {count}.");
        }

        return available.Take(count);
    }
}
