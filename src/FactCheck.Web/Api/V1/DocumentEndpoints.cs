using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Review;

namespace FactCheck.Web.Api.V1;

public sealed record DocumentSummaryDto(int Id, string Title, string Format, DateTimeOffset ImportedAt, int Claims, string? SourceUrl);
public sealed record DocumentClaimDto(int Id, string Text, string Status, double Score, int SpanStart, int SpanLength);
public sealed record DocumentDto(int Id, string Title, string Format, string? SourceUrl, string? Publisher, DateTimeOffset? PublishedAt,
    DateTimeOffset ImportedAt, string Text, IReadOnlyList<DocumentClaimDto> Claims);

/// <summary>Documents: list, one with its text and claims, and import (the same handler as POST /api/documents).</summary>
public static class DocumentEndpoints
{
    /// <summary>The list reads at most this many recent documents, then pages them.</summary>
    private const int MaxListed = 1000;

    public static void MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents");

        documents.MapGet("/", async (HttpContext http, ClaimQueryService query, int? page, int? pageSize, CancellationToken ct) =>
        {
            var (p, size) = ApiV1.Paging(page, pageSize);
            var all = await query.ListDocumentsAsync(http.Caller(), MaxListed, ct);
            return Results.Ok(new PagedList<DocumentSummaryDto>(all.Skip((p - 1) * size).Take(size)
                .Select(d => new DocumentSummaryDto(d.Id, d.Title, d.Format.ToString(), d.ImportedAt, d.Claims, d.SourceUrl)).ToList(), all.Count, p, size));
        }).WithSummary("Documents, newest first (the latest 1,000)");

        documents.MapGet("/{id:int}", async (HttpContext http, int id, ClaimQueryService query, CancellationToken ct) =>
        {
            var d = await query.GetDocumentAsync(http.Caller(), id, ct) ?? throw new NotFoundException($"Document #{id} does not exist.");
            return Results.Ok(new DocumentDto(d.Id, d.Title, d.Format.ToString(), d.SourceUrl, d.Publisher, d.PublishedAt, d.ImportedAt, d.Text,
                d.Claims.Select(c => new DocumentClaimDto(c.Id, c.Text, c.Status.ToString(), c.Score, c.SpanStart, c.SpanLength)).ToList()));
        }).WithSummary("One document with its normalized text and its claims' spans");

        documents.MapPost("/", DocumentsApi.ImportAsync)
            .WithSummary("Import a document (leads): text/plain, text/markdown, text/html, application/pdf, or JSON {title, url, text}; ?title= names a file body. "
                + "201 with the document when it was written within the request; 202 with the import job (Location: /api/v1/imports/{id}) for large text");

        var imports = api.MapGroup("/imports").WithTags("Documents");
        imports.MapGet("/", async (HttpContext http, ImportQueue queue, CancellationToken ct) =>
        {
            var jobs = await queue.ListUnfinishedAsync(http.Caller(), 100, ct);
            return Results.Ok(new PagedList<DocumentsApi.ImportJobDto>(jobs.Select(DocumentsApi.ImportJobDto.From).ToList(), jobs.Count, 1, Math.Max(1, jobs.Count)));
        }).WithSummary("Imports still running, queued, or failed in the last week (leads)");

        imports.MapGet("/{id:int}", async (HttpContext http, int id, ImportQueue queue, CancellationToken ct) =>
        {
            var job = await queue.GetAsync(http.Caller(), id, ct) ?? throw new NotFoundException($"Import #{id} does not exist.");
            return Results.Ok(DocumentsApi.ImportJobDto.From(job));
        }).WithSummary("One import job: its phase (Queued, Extracting, Writing, Matching, Completed, Failed), progress and document");

        imports.MapPost("/{id:int}/retry", async (HttpContext http, int id, ImportQueue queue, CancellationToken ct) =>
        {
            await queue.RetryAsync(http.Caller(), id, ct);
            return Results.Accepted($"/api/v1/imports/{id}", DocumentsApi.ImportJobDto.From((await queue.GetAsync(http.Caller(), id, ct))!));
        }).WithSummary("Queue a failed import again (leads)");
    }
}
