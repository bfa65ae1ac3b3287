using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Publishing;
using FactCheck.Core.Security;
using FactCheck.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Exports;

/// <summary>A download the caller may have: the permission is checked when it is opened, before anything is written.</summary>
public sealed record ExportFile(string FileName, string ContentType, Func<Stream, CancellationToken, Task> WriteAsync);

public sealed record ClaimExport(int Id, string Text, string? Attribution, string Kind, string Status, IReadOnlyList<string> Tags, double Score,
    int DocumentId, string DocumentTitle, string? DocumentUrl, string? DocumentPublisher, DateTimeOffset? DocumentPublishedAt, DateTimeOffset CreatedAt,
    PublicationExport? Publication, IReadOnlyList<VerdictExport> Verdicts, IReadOnlyList<SourceExport> Sources);

public sealed record PublicationExport(string Slug, string Url, int VersionNumber, string Rating, string Summary, DateTimeOffset PublishedAt);

public sealed record VerdictExport(string Reviewer, string Rating, string Rationale, DateTimeOffset UpdatedAt);

public sealed record SourceExport(string Url, string Title, string? Publisher, string Stance, string? Excerpt);

/// <summary>One claim a line: verdicts and sources are joined into one cell each, so a spreadsheet opens it as is.</summary>
[CsvRecord]
public sealed partial record ClaimCsvRow(int Id, string Claim, string? Attribution, string Kind, string Status, string Tags, string Document, string? DocumentUrl,
    string? FinalRating, string? Summary, DateTimeOffset? PublishedAt, int? Version, string? PublicUrl, string Verdicts, string Sources);

/// <summary>
/// Exports for leads: every claim with its verdicts, sources and publication (CSV and JSON), and
/// the published ClaimReview set as one JSON file. Claims are read in batches, one short-lived
/// context each, and written as they are read, so a large workspace is never held in memory.
/// </summary>
public sealed class ExportService(IDbContextFactory<FactCheckDbContext> dbFactory, PublicVerdictService verdicts, SiteSettingsService settings)
{
    private const int BatchSize = 500;
    private const int FlushBytes = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ExportFile ClaimsCsv(Actor actor, Uri baseUri)
    {
        Demand(actor);
        return new ExportFile("factcheck-claims.csv", "text/csv; charset=utf-8", async (stream, cancellationToken) =>
        {
            // Text starting with = + - @ would run as a formula in a spreadsheet, so CsvHelper escapes it;
            // the byte order mark makes Excel read the file as UTF-8.
            await using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
            csv.WriteHeader<ClaimCsvRow>();
            await foreach (var claim in ReadClaimsAsync(baseUri, cancellationToken))
                await csv.WriteRecordAsync(ToCsvRow(claim), cancellationToken);
            await csv.FlushAsync(cancellationToken);
        });
    }

    public ExportFile ClaimsJson(Actor actor, Uri baseUri)
    {
        Demand(actor);
        return new ExportFile("factcheck-claims.json", "application/json; charset=utf-8", async (stream, cancellationToken) =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
            writer.WriteStartArray();
            await foreach (var claim in ReadClaimsAsync(baseUri, cancellationToken))
            {
                JsonSerializer.Serialize(writer, claim, Json);
                if (buffer.WrittenCount > FlushBytes) await DrainAsync(writer, buffer, stream, cancellationToken);
            }
            writer.WriteEndArray();
            await DrainAsync(writer, buffer, stream, cancellationToken);
        });
    }

    /// <summary>The ClaimReview of every published verdict, as /api/claimreviews serves them page by page.</summary>
    public ExportFile ClaimReviewsJson(Actor actor, Uri baseUri)
    {
        Demand(actor);
        return new ExportFile("factcheck-claimreviews.json", "application/json; charset=utf-8", async (stream, cancellationToken) =>
        {
            var profile = await settings.GetProfileAsync(cancellationToken);
            var buffer = new ArrayBufferWriter<byte>();
            await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
            writer.WriteStartArray();
            for (var page = 0; ; page++)
            {
                var published = await verdicts.ListDetailedAsync(page: page, pageSize: PublicVerdictService.MaxPageSize, cancellationToken: cancellationToken);
                foreach (var verdict in published)
                    ClaimReviewBuilder.Build(verdict, profile.Organization, baseUri, profile.Labels).WriteTo(writer);
                await DrainAsync(writer, buffer, stream, cancellationToken);
                if (published.Count < PublicVerdictService.MaxPageSize) break;
            }
            writer.WriteEndArray();
            await DrainAsync(writer, buffer, stream, cancellationToken);
        });
    }

    /// <summary>
    /// JSON is written into a memory buffer and copied to the response asynchronously: the serializer
    /// flushes synchronously, which Kestrel refuses on a response stream.
    /// </summary>
    private static async Task DrainAsync(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, Stream stream, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        buffer.ResetWrittenCount();
    }

    private async IAsyncEnumerable<ClaimExport> ReadClaimsAsync(Uri baseUri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var lastId = 0; ;)
        {
            List<Claim> batch;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                batch = await db.Claims.AsNoTracking().AsSplitQuery().Where(c => c.Id > lastId).OrderBy(c => c.Id).Take(BatchSize)
                    .Include(c => c.Document).Include(c => c.Verdicts).ThenInclude(v => v.Reviewer)
                    .Include(c => c.Sources).Include(c => c.Publications)
                    .ToListAsync(cancellationToken);
            }
            if (batch.Count == 0) yield break;
            foreach (var claim in batch) yield return ToExport(claim, baseUri);
            lastId = batch[^1].Id;
        }
    }

    private static ClaimExport ToExport(Claim claim, Uri baseUri)
    {
        var current = claim.Publications.FirstOrDefault(p => p.IsCurrent);
        return new ClaimExport(claim.Id, claim.Text, claim.Attribution, claim.Kind.ToString(), claim.Status.Label(), ClaimTags.Split(claim.Tags), claim.Score,
            claim.DocumentId, claim.Document!.Title, claim.Document.SourceUrl, claim.Document.Publisher, claim.Document.PublishedAt, claim.CreatedAt,
            current is null ? null : new PublicationExport(current.Slug, new Uri(baseUri, $"verdicts/{Uri.EscapeDataString(current.Slug)}").AbsoluteUri,
                current.VersionNumber, current.Rating.Label(), current.Summary, current.PublishedAt),
            claim.Verdicts.OrderBy(v => v.SubmittedAt).Select(v => new VerdictExport(v.Reviewer?.Name ?? v.ReviewerId, v.Rating.Label(), v.Rationale, v.UpdatedAt)).ToList(),
            claim.Sources.OrderBy(s => s.AddedAt).Select(s => new SourceExport(s.Url, s.Title, s.Publisher, s.Stance.Label(), s.Excerpt)).ToList());
    }

    private static ClaimCsvRow ToCsvRow(ClaimExport c) => new(
        c.Id, c.Text, c.Attribution, c.Kind, c.Status, string.Join(", ", c.Tags), c.DocumentTitle, c.DocumentUrl,
        c.Publication?.Rating, c.Publication?.Summary, c.Publication?.PublishedAt, c.Publication?.VersionNumber, c.Publication?.Url,
        string.Join("\n", c.Verdicts.Select(v => $"{v.Reviewer}: {v.Rating} — {v.Rationale}")),
        string.Join("\n", c.Sources.Select(s => $"[{s.Stance}] {s.Title} <{s.Url}>")));

    private static void Demand(Actor actor) =>
        Permissions.Demand(Permissions.CanExport(actor), actor.IsAuthenticated ? "Only leads and admins may export the workspace." : "Sign in to export.");
}
