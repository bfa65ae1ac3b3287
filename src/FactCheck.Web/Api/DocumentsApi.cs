using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Security;
using FactCheck.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace FactCheck.Web.Api;

/// <summary>
/// POST /api/documents: import by cookie (a signed-in lead) or by bearer API token. The body is
/// text/plain, text/html, application/pdf, or JSON {title, url, text} (a url without text is
/// fetched). The services decide who may import; this only translates HTTP.
/// </summary>
public static class DocumentsApi
{
    public sealed record ImportJson(string? Title, string? Url, string? Text);

    /// <summary>An import job as the API shows it; <c>url</c> is where to poll it, <c>documentUrl</c> the document once it is ready.</summary>
    public sealed record ImportJobDto(int Id, string Status, string FileName, long SizeBytes, string Title, int ProgressDone, int ProgressTotal, double Percent,
        int Claims, int? DocumentId, bool AlreadyImported, string? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt,
        string Url, string? DocumentUrl)
    {
        public static ImportJobDto From(ImportJobView j) => new(j.Id, j.Status.ToString(), j.FileName, j.SizeBytes, j.Title, j.ProgressDone, j.ProgressTotal,
            Math.Round(j.Percent, 1), j.Claims, j.DocumentId, j.AlreadyImported, j.Error, j.CreatedAt, j.UpdatedAt, j.CompletedAt,
            $"/api/v1/imports/{j.Id}", j.DocumentReady ? $"/api/v1/documents/{j.DocumentId}" : null);
    }

    public static void MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        // The first import endpoint, kept as it was for existing scripts; /api/v1/documents is the same handler.
        app.MapPost("/api/documents", ImportAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthenticationHandler.CookieOrTokenScheme })
            .AddEndpointFilter<ApiCallerFilter>()
            .WithTags("Documents");
    }

    public static async Task<IResult> ImportAsync(HttpContext http, DocumentImportService importer, string? title, CancellationToken cancellationToken)
    {
        var actor = Actor.From(http.User);
        // Refused before the body is read, so a caller who may not import cannot make the server buffer 10 MB.
        Permissions.Demand(Permissions.CanImport(actor), "Only leads and admins may import documents.");
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        ImportOutcome outcome;
        if (mediaType == "application/json")
        {
            var body = await http.Request.ReadFromJsonAsync<ImportJson>(cancellationToken)
                ?? throw new ValidationException("The JSON body is empty.");
            outcome = string.IsNullOrWhiteSpace(body.Text) && !string.IsNullOrWhiteSpace(body.Url)
                ? await importer.QueueUrlAsync(actor, body.Url, cancellationToken)
                : await importer.QueueAsync(actor, new ImportRequest(body.Title ?? title ?? "", body.Text ?? "", SourceUrl: string.IsNullOrWhiteSpace(body.Url) ? null : body.Url), cancellationToken: cancellationToken);
        }
        else
        {
            var fileName = mediaType switch
            {
                "text/plain" => "document.txt",
                "text/markdown" => "document.md",
                "text/html" => "document.html",
                "application/pdf" => "document.pdf",
                _ => null,
            };
            if (fileName is null)
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                    detail: "Send text/plain, text/markdown, text/html, application/pdf, or application/json {title, url, text}.");
            var content = await ReadBodyAsync(http.Request, importer.MaxBytes, cancellationToken);
            outcome = await importer.QueueFileAsync(actor, fileName, content, new DocumentMetadata(Title: title), cancellationToken);
        }
        if (outcome.Result is not { } result)
        {
            // Still being written: 202 with the job to follow (GET /api/v1/imports/{id}).
            var job = outcome.Job!;
            return Results.Accepted($"/api/v1/imports/{job.Id}", ImportJobDto.From(job));
        }
        var response = new { documentId = result.DocumentId, result.Title, result.AlreadyImported, claims = result.Claims, importId = outcome.Job?.Id };
        return result.AlreadyImported
            ? Results.Ok(response)
            : Results.Created($"/documents/{result.DocumentId}", response);
    }

    /// <summary>Reads the body up to the import limit; a larger body is refused without reading it all.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw TooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ValidationException TooLarge(long maxBytes) =>
        new($"The document is larger than the {maxBytes / 1024.0 / 1024.0:0.#} MB limit.");
}
