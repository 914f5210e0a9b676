using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Web.Api;

/// <summary>
/// Reads a JSON body under a size limit, answering what went wrong in the API's problem+json: 413 with the limit for
/// an oversized body (declared or streamed), 415 for another media type, 400 with the parser's position for bad JSON.
/// Endpoints read their body here rather than through parameter binding, because binding reads (and buffers) the
/// whole body before any filter could refuse it, and answers malformed JSON with a bare 400.
/// </summary>
internal static class ApiJsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, long limit, CancellationToken ct)
        where T : class
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return (null, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the body as application/json (got {request.ContentType ?? "no Content-Type"})."));
        }

        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Bodies without a Content-Length (chunked) are cut off by the server at the same limit.
            size.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }

        if (buffer.Length == 0)
        {
            return (null, ApiResults.Invalid(["The request body is empty; send a JSON object."]));
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            buffer.Position = 0;
            var value = await JsonSerializer.DeserializeAsync<T>(buffer, options, ct);
            return value is null
                ? (null, ApiResults.Invalid(["The request body is null; send a JSON object."]))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? "" : $" at {ex.Path}";
            var line = ex.LineNumber is { } l ? $" (line {l + 1}, position {(ex.BytePositionInLine ?? 0) + 1})" : "";
            return (null, ApiResults.Invalid([$"The body is not valid JSON for this endpoint{where}{line}: {FirstSentence(ex.Message)}"]));
        }
    }

    private static IResult TooLarge(long limit) =>
        ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"This endpoint accepts bodies up to {Describe(limit)}; split the request into smaller ones.");

    private static string Describe(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MiB ({bytes:N0} bytes)" : $"{bytes / 1024} KiB ({bytes:N0} bytes)";

    /// <summary>System.Text.Json appends the path and position again after the first sentence; they are said already.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
