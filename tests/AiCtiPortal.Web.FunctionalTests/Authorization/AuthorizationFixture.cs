using System.Net;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;

namespace AiCtiPortal.Web.FunctionalTests.Authorization;

/// <summary>
/// One host per test class with the probe data added, one client per audience signed in once through the real login
/// form, and the database's content as the TLP rule sees it. The tests only read, so they can share all of it.
/// </summary>
public sealed class AuthorizationFixture<TFactory> : IAsyncLifetime
    where TFactory : PortalFactory, new()
{
    private readonly Dictionary<Audience, HttpClient> _clients = [];
    private SampleIds? _samples;
    private VisibleContent? _content;

    public TFactory Factory { get; } = new();

    public SampleIds Samples => _samples ?? throw new InvalidOperationException("The fixture is not initialised.");

    public VisibleContent Content => _content ?? throw new InvalidOperationException("The fixture is not initialised.");

    public HttpClient ClientFor(Audience audience) => _clients[audience];

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        _samples = await ProbeSet.SeedAsync(Factory);
        _content = await VisibleContent.LoadAsync(Factory);
        _clients[Audience.Anonymous] = Factory.CreatePortalClient();
        foreach (var audience in Audiences.SignedIn)
        {
            _clients[audience] = await SignedInClientAsync(Audiences.EmailOf(audience));
        }
    }

    /// <summary>A new client signed in through /Account/Login; fails loudly when the form does not sign in.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = Factory.CreatePortalClient();
        var response = await client.SignInAsync(email, PortalClient.DemoPassword);
        if (response.StatusCode != HttpStatusCode.Redirect || response.RedirectPath() != "/")
        {
            throw new InvalidOperationException(
                $"Signing in {email} through the login form answered {(int)response.StatusCode} {response.RedirectPath()}.");
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await ((IAsyncLifetime)Factory).DisposeAsync();
    }
}
