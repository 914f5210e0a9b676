using System.Buffers;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace AiCtiPortal.Web.Taxii;

/// <summary>A TAXII response: the TAXII media type, optional headers, and a body written straight to JSON.</summary>
internal sealed class TaxiiJsonResult(int status, Action<Utf8JsonWriter> write, IReadOnlyDictionary<string, string>? headers = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(json);
        }

        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = TaxiiMediaTypes.Taxii;
        response.ContentLength = buffer.WrittenCount;
        response.Headers[HeaderNames.CacheControl] = "no-store";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }
}
