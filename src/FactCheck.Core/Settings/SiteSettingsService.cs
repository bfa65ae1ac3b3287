using FactCheck.Core.Common;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Publishing;
using FactCheck.Core.ScaleOut;
using FactCheck.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FactCheck.Core.Settings;

/// <summary>The wording readers and aggregators see for each rating; unset ratings keep the built-in label.</summary>
public sealed class RatingLabels(IReadOnlyDictionary<Rating, string> labels)
{
    public static RatingLabels Default { get; } = new(new Dictionary<Rating, string>());

    public string Label(Rating rating) => labels.TryGetValue(rating, out var label) ? label : rating.Label();

    /// <summary>The admin's own wording of a rating, if they set one (a translated page uses it as is).</summary>
    public bool TryGetCustom(Rating rating, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? label) =>
        labels.TryGetValue(rating, out label);
}

/// <summary>What the public site is published as: the ClaimReview author, the rating wording, and the self-assignment rule.</summary>
public sealed record SiteProfile(OrganizationOptions Organization, RatingLabels Labels, bool ReviewersMaySelfAssign);

/// <summary>The admin's settings form: blank fields fall back to configuration or the built-in labels.</summary>
public sealed class SiteSettingsInput
{
    public string? OrganizationName { get; set; }
    public string? OrganizationUrl { get; set; }
    public string? OrganizationLogoUrl { get; set; }
    public Dictionary<Rating, string?> RatingLabels { get; set; } = Enum.GetValues<Rating>().ToDictionary(r => r, _ => (string?)null);
    public bool ReviewersMaySelfAssign { get; set; }
    /// <summary>The stored version the admin edited (null before the first save), so a concurrent edit is a conflict.</summary>
    public Guid? Version { get; set; }
}

/// <summary>
/// Site settings stored in the database (one row) over the Organization configuration section.
/// The public profile is cached (every verdict page, feed and ClaimReview reads it); a save drops
/// the cache on every instance through <see cref="IClusterSignals"/> (Redis when configured), and
/// the cache also expires after <see cref="CacheLifetime"/> in case a signal was lost while Redis
/// was down.
/// </summary>
public sealed class SiteSettingsService
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private readonly IDbContextFactory<FactCheckDbContext> dbFactory;
    private readonly IOptions<OrganizationOptions> configured;
    private readonly TimeProvider clock;
    private readonly IClusterSignals signals;
    private readonly Lock _cacheGate = new();
    private (SiteProfile Profile, DateTimeOffset Until)? _cached;
    // Bumped by every invalidation: a read that started before it must not store what it read.
    private long _generation;

    public SiteSettingsService(IDbContextFactory<FactCheckDbContext> dbFactory, IOptions<OrganizationOptions> configured, TimeProvider clock,
        IClusterSignals? signals = null)
    {
        this.dbFactory = dbFactory;
        this.configured = configured;
        this.clock = clock;
        this.signals = signals ?? new LocalClusterSignals();
        this.signals.Subscribe(ClusterTopics.SiteSettingsChanged, Invalidate);
    }

    /// <summary>The configured organization, shown as the fallback for blank fields.</summary>
    public OrganizationOptions Fallback => configured.Value;

    /// <summary>Public: the profile every verdict page, feed and ClaimReview is built with.</summary>
    public async Task<SiteProfile> GetProfileAsync(CancellationToken cancellationToken = default)
    {
        long generation;
        lock (_cacheGate)
        {
            if (_cached is { } cached && cached.Until > clock.GetUtcNow()) return cached.Profile;
            generation = _generation;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == Domain.SiteSettings.SingletonId, cancellationToken);
        var profile = ToProfile(stored);
        lock (_cacheGate)
        {
            if (generation == _generation) _cached = (profile, clock.GetUtcNow() + CacheLifetime);
        }
        return profile;
    }

    private void Invalidate()
    {
        lock (_cacheGate)
        {
            _generation++;
            _cached = null;
        }
    }

    public async Task<SiteSettingsInput> GetForEditAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == Domain.SiteSettings.SingletonId, cancellationToken);
        var input = new SiteSettingsInput();
        if (stored is null) return input;
        input.OrganizationName = stored.OrganizationName;
        input.OrganizationUrl = stored.OrganizationUrl;
        input.OrganizationLogoUrl = stored.OrganizationLogoUrl;
        foreach (var rating in Enum.GetValues<Rating>()) input.RatingLabels[rating] = StoredLabel(stored, rating);
        input.ReviewersMaySelfAssign = stored.ReviewersMaySelfAssign;
        input.Version = stored.Version;
        return input;
    }

    public async Task<SiteProfile> UpdateAsync(Actor actor, SiteSettingsInput input, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        var name = InputRules.Optional(input.OrganizationName, "Organization name", 200);
        var url = NullIfEmpty(InputRules.HttpUrl(input.OrganizationUrl, "Organization URL", required: false));
        var logo = NullIfEmpty(InputRules.HttpUrl(input.OrganizationLogoUrl, "Logo URL", required: false));
        var labels = new Dictionary<Rating, string?>();
        foreach (var rating in Enum.GetValues<Rating>())
            labels[rating] = InputRules.Optional(input.RatingLabels.GetValueOrDefault(rating), $"Label of \"{rating.Label()}\"", 40);
        // Two ratings worded alike would make a verdict ambiguous to readers and aggregators.
        var clash = Enum.GetValues<Rating>().GroupBy(r => (labels[r] ?? r.Label()).ToLowerInvariant()).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ValidationException($"Two ratings cannot share the label \"{labels[clash.First()] ?? clash.First().Label()}\": word them differently.");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.SiteSettings.FirstOrDefaultAsync(s => s.Id == Domain.SiteSettings.SingletonId, cancellationToken);
        object? before = null;
        if (stored is null)
        {
            if (input.Version is not null) throw new ConflictException("The settings were reset while you edited them; reload and try again.");
            stored = new SiteSettings();
            db.SiteSettings.Add(stored);
        }
        else
        {
            if (input.Version != stored.Version)
                throw new ConflictException("Another admin changed the settings since you opened them; your changes were not saved. Reload and try again.");
            before = Snapshot(stored);
        }
        stored.OrganizationName = name;
        stored.OrganizationUrl = url;
        stored.OrganizationLogoUrl = logo;
        stored.TrueLabel = labels[Rating.True];
        stored.MostlyTrueLabel = labels[Rating.MostlyTrue];
        stored.MixedLabel = labels[Rating.Mixed];
        stored.MisleadingLabel = labels[Rating.Misleading];
        stored.FalseLabel = labels[Rating.False];
        stored.UnverifiableLabel = labels[Rating.Unverifiable];
        stored.ReviewersMaySelfAssign = input.ReviewersMaySelfAssign;
        var now = clock.GetUtcNow();
        stored.UpdatedAt = now;
        stored.UpdatedById = actor.RequireUserId();
        Audit.Record(db, actor, now, "SettingsChanged", nameof(SiteSettings), stored.Id, null, before, Snapshot(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent first save (same key) or a newer version: either way someone else saved first.
            throw new ConflictException("Another admin saved the settings at the same moment; your changes were not saved. Reload and try again.");
        }
        input.Version = stored.Version;
        // This instance drops its cache at once; the others when the signal reaches them.
        await signals.PublishAsync(ClusterTopics.SiteSettingsChanged, cancellationToken);
        return ToProfile(stored);
    }

    private SiteProfile ToProfile(SiteSettings? stored)
    {
        var fallback = configured.Value;
        var organization = new OrganizationOptions
        {
            Name = stored?.OrganizationName ?? fallback.Name,
            Url = stored?.OrganizationUrl ?? fallback.Url,
            LogoUrl = stored?.OrganizationLogoUrl ?? (string.IsNullOrWhiteSpace(fallback.LogoUrl) ? null : fallback.LogoUrl),
        };
        var labels = stored is null
            ? RatingLabels.Default
            : new RatingLabels(Enum.GetValues<Rating>().Where(r => StoredLabel(stored, r) is not null).ToDictionary(r => r, r => StoredLabel(stored, r)!));
        return new SiteProfile(organization, labels, stored?.ReviewersMaySelfAssign ?? false);
    }

    private static string? StoredLabel(SiteSettings stored, Rating rating) => rating switch
    {
        Rating.True => stored.TrueLabel,
        Rating.MostlyTrue => stored.MostlyTrueLabel,
        Rating.Mixed => stored.MixedLabel,
        Rating.Misleading => stored.MisleadingLabel,
        Rating.False => stored.FalseLabel,
        _ => stored.UnverifiableLabel,
    };

    private static object Snapshot(SiteSettings s) => new
    {
        s.OrganizationName, s.OrganizationUrl, s.OrganizationLogoUrl, s.TrueLabel, s.MostlyTrueLabel, s.MixedLabel,
        s.MisleadingLabel, s.FalseLabel, s.UnverifiableLabel, s.ReviewersMaySelfAssign,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static void Demand(Actor actor) => Permissions.Demand(Permissions.CanManageSettings(actor), "Only admins may change the site settings.");
}
