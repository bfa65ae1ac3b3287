using System.Globalization;
using CsvHelper;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Core.Review;

public sealed record AuditQuery
{
    public int? ClaimId { get; init; }
    public string? Actor { get; init; }
    public string? Action { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 50;
}

[CsvRecord]
public sealed partial record AuditCsvRow(string At, string Actor, string Action, string EntityType, string EntityId, int? ClaimId, string? Before, string? After);

/// <summary>Who did what, when, before and after: per claim for members, everything for leads and admins.</summary>
public sealed class AuditService(IDbContextFactory<FactCheckDbContext> dbFactory)
{
    public const int MaxExportRows = 100_000;

    /// <summary>A claim's history, oldest first, for its timeline.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ClaimHistoryAsync(Actor actor, int claimId, CancellationToken cancellationToken = default)
    {
        Permissions.DemandWorkspace(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking().Where(a => a.ClaimId == claimId).OrderBy(a => a.At).ThenBy(a => a.Id).Take(500).ToListAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<AuditEvent> Items, int Total)> SearchAsync(Actor actor, AuditQuery query, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = Filter(db, query);
        var total = await events.CountAsync(cancellationToken);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var items = await events.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip(Math.Max(0, query.Page) * size).Take(size).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<IReadOnlyList<string>> ActionsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }

    /// <summary>Writes the filtered audit log as CSV (CsvHelper), newest first, streaming from the database.</summary>
    public async Task WriteCsvAsync(Actor actor, AuditQuery query, Stream output, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Cells starting with = + - @ would run as spreadsheet formulas: CsvHelper escapes them.
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader<AuditCsvRow>();
        await foreach (var e in Filter(db, query).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(MaxExportRows).AsAsyncEnumerable().WithCancellation(cancellationToken))
            await csv.WriteRecordAsync(new AuditCsvRow(e.At.ToString("O", CultureInfo.InvariantCulture), e.ActorName, e.Action, e.EntityType, e.EntityId, e.ClaimId, e.Before, e.After), cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }

    private static IQueryable<AuditEvent> Filter(FactCheckDbContext db, AuditQuery query)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (query.ClaimId is { } claimId) events = events.Where(a => a.ClaimId == claimId);
        if (!string.IsNullOrWhiteSpace(query.Actor)) events = events.Where(a => EF.Functions.Like(a.ActorName, $"%{query.Actor.Trim()}%"));
        if (!string.IsNullOrWhiteSpace(query.Action)) events = events.Where(a => a.Action == query.Action);
        if (query.From is { } from) events = events.Where(a => a.At >= from);
        if (query.To is { } to) events = events.Where(a => a.At < to);
        return events;
    }

    private static void Demand(Actor actor) => Permissions.Demand(Permissions.CanManageClaims(actor), "Only leads and admins may see the audit log.");
}
