using System.Net;

namespace AiCtiPortal.Domain.Tests.Jobs;

/// <summary>Answers HTTP requests from a script, so download failures and retries are tested without a network.</summary>
internal sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<Uri> Requests { get; } = [];

    public ScriptedHttpHandler Then(HttpStatusCode status, byte[]? body = null)
    {
        _responses.Enqueue(() => new HttpResponseMessage(status) { Content = new ByteArrayContent(body ?? []) });
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request.RequestUri!);
        return Task.FromResult(_responses.Count > 0 ? _responses.Dequeue()() : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
