using System.Globalization;
using FactCheck.Core.Review;
using FactCheck.Core.Security;

namespace FactCheck.Web.Api;

/// <summary>GET /api/audit.csv: the filtered audit log for leads and admins (the service checks who asks).</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit.csv", async (HttpContext http, AuditService audit, string? actor, string? action, int? claimId, string? from, string? to, CancellationToken cancellationToken) =>
        {
            var caller = Actor.From(http.User);
            if (!caller.IsAuthenticated) return Results.Unauthorized();
            if (!Permissions.CanManageClaims(caller)) return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: "Only leads and admins may export the audit log.");
            if (!TryDate(from, out var fromDate) || !TryDate(to, out var toDate))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid date", detail: "'from' and 'to' must be dates like 2025-01-31.");
            var query = new AuditQuery { Actor = actor, Action = string.IsNullOrEmpty(action) ? null : action, ClaimId = claimId, From = fromDate, To = toDate };
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"factcheck-audit-{DateTime.UtcNow:yyyyMMdd}.csv\"";
            await audit.WriteCsvAsync(caller, query, http.Response.Body, cancellationToken);
            return Results.Empty;
        });
    }

    private static bool TryDate(string? value, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        date = parsed;
        return true;
    }
}
