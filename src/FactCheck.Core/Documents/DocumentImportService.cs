using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Diagnostics;
using FactCheck.Core.Domain;
using FactCheck.Core.Events;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using FactCheck.Extraction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FactCheck.Core.Documents;

public sealed class ImportOptions
{
    /// <summary>Largest document accepted, in bytes of UTF-8 text or uploaded file.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

public sealed record ImportRequest(string Title, string Text, DocumentFormat Format = DocumentFormat.Text,
    string? SourceUrl = null, string? Publisher = null, DateTimeOffset? PublishedAt = null);

/// <summary>What the importer knows about a document besides its text (from a form, an API call or a sidecar file).</summary>
public sealed record DocumentMetadata(string? Title = null, string? SourceUrl = null, string? Publisher = null, DateTimeOffset? PublishedAt = null);

public sealed record ImportResult(int DocumentId, string Title, bool AlreadyImported, IReadOnlyList<ImportedClaim> Claims);

public sealed record ImportedClaim(int Id, string Text, int Start, int Length, double Score, string Kind, string? Attribution, IReadOnlyList<string> Reasons);

/// <summary>
/// Imports a document and its extracted claims in one transaction: the document, every claim and
/// the audit entry are stored together or not at all. The same text imported twice is detected by
/// its hash and not duplicated.
/// </summary>
public sealed class DocumentImportService(
    IDbContextFactory<FactCheckDbContext> dbFactory,
    IReviewEventBus events,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ClaimMatcher matcher,
    UrlDocumentReader urlReader)
{
    public long MaxBytes => options.Value.MaxBytes;

    public async Task<ImportResult> ImportFileAsync(Actor actor, string fileName, byte[] content, DocumentMetadata? metadata = null, CancellationToken cancellationToken = default)
    {
        DemandImport(actor);
        if (content.LongLength > MaxBytes)
            throw new ValidationException($"\"{fileName}\" is {content.LongLength / 1024.0 / 1024.0:0.0} MB; the limit is {MaxBytes / 1024.0 / 1024.0:0.#} MB.");
        ReadDocument read;
        try
        {
            read = DocumentReader.Read(content, fileName);
        }
        catch (DocumentReadException ex)
        {
            throw new ValidationException(ex.Message);
        }
        var title = FirstNonBlank(metadata?.Title, read.Title, Path.GetFileNameWithoutExtension(fileName))!;
        return await ImportAsync(actor, new ImportRequest(title, read.Text, read.Format, metadata?.SourceUrl,
            FirstNonBlank(metadata?.Publisher, read.Byline), metadata?.PublishedAt ?? read.PublishedAt), cancellationToken);
    }

    /// <summary>Fetches a web page (bounded in time and size; private addresses refused) and imports its article text.</summary>
    public async Task<ImportResult> ImportUrlAsync(Actor actor, string? url, CancellationToken cancellationToken = default)
    {
        DemandImport(actor);
        var address = InputRules.HttpUrl(url, "URL");
        ReadDocument read;
        try
        {
            read = await urlReader.ReadAsync(address, cancellationToken);
        }
        catch (DocumentReadException ex)
        {
            throw new ValidationException(ex.Message);
        }
        return await ImportAsync(actor, new ImportRequest(read.Title ?? new Uri(address).Host, read.Text, DocumentFormat.Url, address, read.Byline, read.PublishedAt), cancellationToken);
    }

    public async Task<ImportResult> ImportAsync(Actor actor, ImportRequest request, CancellationToken cancellationToken = default)
    {
        DemandImport(actor);
        var started = Stopwatch.GetTimestamp();
        var result = await ImportTextAsync(actor, request, cancellationToken);
        FactCheckMetrics.ImportCompleted(Stopwatch.GetElapsedTime(started), result.AlreadyImported ? "duplicate" : "imported");
        return result;
    }

    private async Task<ImportResult> ImportTextAsync(Actor actor, ImportRequest request, CancellationToken cancellationToken)
    {
        var text = NormalizeText(request.Text);
        if (text.Length == 0) throw new ValidationException("The document has no text: paste or upload some text first.");
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
            throw new ValidationException($"The document is larger than the {MaxBytes / 1024.0 / 1024.0:0.#} MB limit.");
        var title = InputRules.RequiredTitle(string.IsNullOrWhiteSpace(request.Title) ? FirstLine(text) : request.Title, "Title", 300);
        var sourceUrl = request.SourceUrl is null ? null : InputRules.HttpUrl(request.SourceUrl, "Source URL", required: false);
        var publisher = InputRules.Optional(request.Publisher, "Publisher", 200);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        await using (var lookup = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var existing = await lookup.Documents.AsNoTracking().Where(d => d.ContentHash == hash)
                .Select(d => new { d.Id, d.Title }).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
                return new ImportResult(existing.Id, existing.Title, true, await LoadClaimsAsync(lookup, existing.Id, cancellationToken));
        }

        // Extraction is CPU-bound: keep it off the caller's (render) thread.
        var sentences = await Task.Run(() => ClaimExtractor.Default.Extract(text), cancellationToken);

        var similar = new SimilarClaim?[sentences.Count];
        for (var i = 0; i < sentences.Count; i++) similar[i] = await matcher.FindBestAsync(sentences[i].Text, cancellationToken);

        var now = clock.GetUtcNow();
        var userId = actor.RequireUserId();
        var document = new Document
        {
            Title = title,
            Text = text,
            SourceUrl = string.IsNullOrEmpty(sourceUrl) ? null : sourceUrl,
            Publisher = publisher,
            PublishedAt = request.PublishedAt,
            ImportedById = userId,
            ImportedAt = now,
            ContentHash = hash,
            Format = request.Format,
            Claims = sentences.Select((s, i) => new Claim
            {
                SimilarToId = similar[i]?.ClaimId,
                Similarity = similar[i]?.Similarity,
                Text = s.Text.Length > 2000 ? s.Text[..2000] : s.Text,
                SpanStart = s.Start,
                SpanLength = s.Length,
                Attribution = s.Attribution is { Length: > 300 } a ? a[..300] : s.Attribution,
                Kind = s.Kind,
                Score = s.Score,
                Reasons = string.Join('\n', s.Reasons),
                Status = ClaimStatus.New,
                CreatedAt = now,
                UpdatedAt = now,
            }).ToList(),
        };

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // The audit row needs the document's id, so both saves share one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Documents.Add(document);
            for (var i = 0; i < sentences.Count; i++)
                db.ClaimQuantities.AddRange(ClaimMatcher.ToRows(document.Claims[i], sentences[i].Quantities));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(cancellationToken);
                if (!await HashExistsAsync(hash, cancellationToken)) throw;
                // Someone imported the same text at the same moment: theirs stands.
                await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
                var winner = await again.Documents.AsNoTracking().FirstAsync(d => d.ContentHash == hash, cancellationToken);
                return new ImportResult(winner.Id, winner.Title, true, await LoadClaimsAsync(again, winner.Id, cancellationToken));
            }
            Audit.Record(db, actor, now, "DocumentImported", nameof(Document), document.Id, null,
                after: new { document.Title, document.Format, Claims = document.Claims.Count, document.ContentHash });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await matcher.AddAsync(document.Claims, cancellationToken);
        await events.PublishAsync(new ReviewEvent(ReviewEventTypes.DocumentImported, null, document.Id, actor.Name, now,
            new Dictionary<string, string> { ["title"] = document.Title, ["claims"] = document.Claims.Count.ToString() }), cancellationToken);

        return new ImportResult(document.Id, document.Title, false, document.Claims.Select(ToImported).ToList());
    }

    /// <summary>
    /// A lead marks a passage the extractor missed as a claim, by selecting it in the document. The
    /// span is trimmed to the selected words; score, kind, attribution and reasons come from the
    /// same engine as extracted claims.
    /// </summary>
    public async Task<int> AddClaimFromSpanAsync(Actor actor, int documentId, int start, int length, CancellationToken cancellationToken = default)
    {
        Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may add claims.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var text = await db.Documents.Where(d => d.Id == documentId).Select(d => d.Text).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ValidationException($"Document #{documentId} does not exist.");
        if (start < 0 || length <= 0 || start + length > text.Length)
            throw new ValidationException("Select the words of the claim in the document text first.");
        while (length > 0 && char.IsWhiteSpace(text[start])) { start++; length--; }
        while (length > 0 && char.IsWhiteSpace(text[start + length - 1])) length--;
        if (length < 10) throw new ValidationException("The selection is too short to be a claim.");
        if (length > 2000) throw new ValidationException("The selection is too long for one claim (at most 2,000 characters).");
        if (await db.Claims.AnyAsync(c => c.DocumentId == documentId && c.SpanStart == start && c.SpanLength == length, cancellationToken))
            throw new ValidationException("That passage is already a claim.");

        var passage = text.Substring(start, length);
        var scored = ClaimExtractor.Default.ScoreSentences(passage);
        var best = scored.OrderByDescending(s => s.Score).FirstOrDefault();
        var similar = await matcher.FindBestAsync(passage, cancellationToken);
        var now = clock.GetUtcNow();
        var claim = new Claim
        {
            DocumentId = documentId,
            Text = passage,
            SpanStart = start,
            SpanLength = length,
            Score = best?.Score ?? 0,
            Kind = best?.Kind ?? ClaimKind.Statement,
            Attribution = best?.Attribution,
            Reasons = string.Join('\n', (best?.Reasons ?? []).Prepend("added by a lead from the document")),
            Status = ClaimStatus.New,
            AcceptedAt = now,
            SimilarToId = similar?.ClaimId,
            Similarity = similar?.Similarity,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Claims.Add(claim);
        // The lead's passage gets its figures like an extracted claim, so the cross-check covers it.
        db.ClaimQuantities.AddRange(ClaimMatcher.ToRows(claim, QuantityExtractor.Extract(passage)));
        await db.SaveChangesAsync(cancellationToken);
        Audit.Record(db, actor, now, "ClaimAdded", nameof(Claim), claim.Id, claim.Id, null, new { claim.Text, claim.SpanStart, claim.SpanLength });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await matcher.AddAsync([claim], cancellationToken);
        await events.PublishAsync(new ReviewEvent(ReviewEventTypes.ClaimCreated, claim.Id, documentId, actor.Name, now), cancellationToken);
        return claim.Id;
    }

    private void DemandImport(Actor actor) =>
        Permissions.Demand(Permissions.CanImport(actor), "Only leads and admins may import documents.");

    private async Task<bool> HashExistsAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Documents.AnyAsync(d => d.ContentHash == hash, cancellationToken);
    }

    private static async Task<IReadOnlyList<ImportedClaim>> LoadClaimsAsync(FactCheckDbContext db, int documentId, CancellationToken cancellationToken)
    {
        var claims = await db.Claims.AsNoTracking().Where(c => c.DocumentId == documentId).OrderBy(c => c.SpanStart).ToListAsync(cancellationToken);
        return claims.Select(ToImported).ToList();
    }

    private static ImportedClaim ToImported(Claim c) =>
        new(c.Id, c.Text, c.SpanStart, c.SpanLength, c.Score, c.Kind.ToString().ToLowerInvariant(), c.Attribution, c.ReasonList.ToList());

    /// <summary>One normal form (quotes, dashes, whitespace, line endings), so the same text always hashes the same and spans stay stable.</summary>
    internal static string NormalizeText(string? text) => TextNormalizer.Normalize(text ?? "");

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 120 ? line[..120] + "…" : line;
    }
}
