namespace AiCtiPortal.Web.Api;

/// <summary>The API's problem+json answers (RFC 9457). A 400 lists every reason in "errors", not only the first.</summary>
internal static class ApiResults
{
    public static IResult Invalid(IReadOnlyList<string> errors, string title = "The request is not valid") =>
        TypedResults.Problem(
            title: title,
            detail: string.Join(" ", errors),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>Missing and above the caller's clearance answer alike, so a 404 never confirms a restricted item exists.</summary>
    public static IResult NotFound(string what) =>
        TypedResults.Problem(
            title: "Not found",
            detail: $"No published {what} with that id is visible to this token.",
            statusCode: StatusCodes.Status404NotFound);

    public static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
