using System.Collections.Concurrent;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;
using DocumentFormat = FactCheck.Extraction.DocumentFormat;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Api.V1;

public enum Who { Anonymous, Reader, ReviewerAssigned, ReviewerNotAssigned, Lead, Admin }

/// <summary>How a caller authenticates: the sign-in cookie (with antiforgery), a token with the scope its role covers, a read-only token.</summary>
public enum How { Cookie, ScopedToken, ReadToken }

/// <summary>Claims in a chosen state and signed-in clients for each kind of caller, made once per factory.</summary>
public sealed class ApiWorld(FactCheckWebFactory factory)
{
    public const string Alice = "alice@factcheck.local";
    public const string Bob = "bob@factcheck.local";
    private readonly ConcurrentDictionary<(Who, How), Task<HttpClient>> _clients = new();

    public static string Email(Who who) => who switch
    {
        Who.Reader => "reader@factcheck.local",
        Who.ReviewerAssigned => Alice,
        Who.ReviewerNotAssigned => Bob,
        Who.Lead => "lead@factcheck.local",
        _ => "admin@factcheck.local",
    };

    private static string Scope(Who who) => who switch
    {
        Who.ReviewerAssigned or Who.ReviewerNotAssigned => TokenScopes.Review,
        Who.Lead => TokenScopes.Lead,
        _ => TokenScopes.Admin,
    };

    public Task<HttpClient> ClientAsync(Who who, How how) => _clients.GetOrAdd((who, how), key => CreateAsync(key.Item1, key.Item2));

    private async Task<HttpClient> CreateAsync(Who who, How how)
    {
        if (who == Who.Anonymous)
            return how == How.Cookie ? factory.CreateBrowserClient() : factory.TokenClient("fct_not-a-real-token");
        return how switch
        {
            How.Cookie => await factory.SignedInApiClientAsync(Email(who)),
            // Readers cannot own tokens; theirs is one left from a demotion, with every scope, which their role must still cap.
            _ when who == Who.Reader => factory.TokenClient(await factory.StaleTokenAsync(Email(who), how == How.ReadToken ? "read" : "read,review,lead,admin")),
            How.ScopedToken => factory.TokenClient(await factory.TokenAsync(Email(who), Scope(who))),
            _ => factory.TokenClient(await factory.TokenAsync(Email(who), TokenScopes.Read)),
        };
    }

    public IDbContextFactory<FactCheckDbContext> DbFactory => factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>();

    /// <summary>A fresh claim in the given state, assigned to Alice (with her verdict once in review), and its version.</summary>
    public async Task<(int Id, Guid Version)> ClaimAsync(ClaimStatus status)
    {
        var alice = await factory.ActorAsync(Alice);
        var lead = await factory.ActorAsync("lead@factcheck.local");
        await using var db = await DbFactory.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var document = new Document
        {
            Title = "API test " + Guid.NewGuid().ToString("N")[..8], Text = "The mayor said 41 bridges were closed.", ContentHash = Guid.NewGuid().ToString("N"),
            ImportedAt = now, ImportedById = lead.UserId!, Format = DocumentFormat.Text,
        };
        var claim = new Claim { Document = document, Text = "The mayor said 41 bridges were closed.", SpanLength = 38, Score = 0.9, Status = status, CreatedAt = now, UpdatedAt = now };
        if (status != ClaimStatus.New)
            claim.Assignments.Add(new Assignment { ReviewerId = alice.UserId!, AssignedById = lead.UserId!, AssignedAt = now });
        if (status is ClaimStatus.AwaitingDecision or ClaimStatus.Published)
            claim.Verdicts.Add(new Verdict { ReviewerId = alice.UserId!, Rating = Rating.False, Rationale = "The city lists 3 closures.", SubmittedAt = now, UpdatedAt = now });
        db.Claims.Add(claim);
        await db.SaveChangesAsync();
        if (status == ClaimStatus.Published)
        {
            db.Publications.Add(new Publication { ClaimId = claim.Id, Slug = $"api-test-{claim.Id}", VersionNumber = 1, Rating = Rating.False, Summary = "False.", PublishedById = lead.UserId!, PublishedAt = now, IsCurrent = true });
            await db.SaveChangesAsync();
        }
        return (claim.Id, claim.Version);
    }

    /// <summary>One unread notification about the claim for every account the callers sign in as.</summary>
    public async Task NotifyEveryoneAsync(int claimId)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        foreach (var who in Enum.GetValues<Who>().Where(w => w != Who.Anonymous))
        {
            var actor = await factory.ActorAsync(Email(who));
            db.Notifications.Add(new Notification { UserId = actor.UserId!, Kind = NotificationKind.Assigned, Text = $"Claim #{claimId}", Link = $"/claims/{claimId}", ClaimId = claimId, ActorName = "lead", CreatedAt = DateTimeOffset.UtcNow });
        }
        await db.SaveChangesAsync();
    }

    public async Task<int> AuditCountAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.AuditEvents.CountAsync();
    }
}
