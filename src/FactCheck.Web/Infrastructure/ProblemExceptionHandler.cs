using FactCheck.Core.Common;
using FactCheck.Core.Security;
using FactCheck.Core.Workflow;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FactCheck.Web.Infrastructure;

/// <summary>
/// The one place where a refused or failed request becomes an RFC 7807 answer, for every API
/// endpoint: validation 400, permission 403, missing 404, a workflow rule 409, a stale write 412
/// (when the caller sent If-Match) or 409, malformed input 400; anything else is a 500 that says
/// nothing about the inside. Page requests are left to the /Error page.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // With an error page configured the middleware has already pointed Request.Path at it; the feature keeps the original.
        var path = http.Features.Get<IExceptionHandlerFeature>()?.Path is { } original ? new PathString(original) : http.Request.Path;
        // Malformed requests (binding failures, thrown because RouteHandlerOptions.ThrowOnBadRequest is on) are 400 everywhere.
        if (!ApplicationServiceExtensions.IsMachineEndpoint(path) && exception is not BadHttpRequestException) return false;
        var (status, title, detail) = Describe(http, exception);
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, path);
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = path };
        if (exception is ConflictException { TheirChange: { } theirs }) problem.Extensions["theirChange"] = theirs;
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception })) return true;
        // A client whose Accept header the problem writer declines still gets the problem as JSON.
        await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }

    public static (int Status, string Title, string Detail) Describe(HttpContext http, Exception exception) => exception switch
    {
        ValidationException => (StatusCodes.Status400BadRequest, "Invalid input", exception.Message),
        AccessDeniedException => http.User.Identity?.IsAuthenticated == true
            ? (StatusCodes.Status403Forbidden, "Not allowed", exception.Message)
            : (StatusCodes.Status401Unauthorized, "Sign in first", exception.Message),
        NotFoundException => (StatusCodes.Status404NotFound, "Not found", exception.Message),
        WorkflowException => (StatusCodes.Status409Conflict, "Not possible in this state", exception.Message),
        ConflictException when http.Request.Headers.IfMatch.Count > 0 =>
            (StatusCodes.Status412PreconditionFailed, "Changed since you read it", exception.Message),
        ConflictException => (StatusCodes.Status409Conflict, "Changed by someone else", exception.Message),
        Api.V1.PreconditionRequiredException => (StatusCodes.Status428PreconditionRequired, "If-Match required", exception.Message),
        BadHttpRequestException bad => (bad.StatusCode, "Malformed request", MalformedDetail(bad)),
        System.Text.Json.JsonException => (StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not the JSON this endpoint expects."),
        _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "Something went wrong on our side; nothing was saved by this request."),
    };

    /// <summary>Minimal APIs wrap JSON and binding failures; the inner message names the field.</summary>
    private static string MalformedDetail(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON for this endpoint{(json.Path is { Length: > 0 } path ? $" (at {path})" : "")}."
            : bad.Message;
}
