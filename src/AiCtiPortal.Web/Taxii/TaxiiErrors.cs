using System.Globalization;

namespace AiCtiPortal.Web.Taxii;

/// <summary>TAXII 2.1 error messages: title, description and the HTTP status (a string, as the specification defines it).</summary>
internal static class TaxiiErrors
{
    public static IResult Error(int status, string title, string description, IReadOnlyDictionary<string, string>? headers = null) =>
        new TaxiiJsonResult(status, json =>
        {
            json.WriteStartObject();
            json.WriteString("title", title);
            json.WriteString("description", description);
            json.WriteString("http_status", status.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }, headers);

    public static Task WriteAsync(HttpContext context, int status, string title, string description, IReadOnlyDictionary<string, string>? headers = null) =>
        Error(status, title, description, headers).ExecuteAsync(context);

    public static IResult BadRequest(string description) => Error(StatusCodes.Status400BadRequest, "Bad request", description);

    /// <summary>The same answer for a collection that does not exist and one the caller may not read, so neither is revealed.</summary>
    public static IResult CollectionNotFound() =>
        Error(StatusCodes.Status404NotFound, "Collection not found", "There is no collection with this id that this token may read.");

    public static IResult ObjectNotFound() =>
        Error(StatusCodes.Status404NotFound, "Object not found", "This collection holds no object with this id that matches the request.");
}
