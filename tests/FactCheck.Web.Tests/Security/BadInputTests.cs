using System.Net;
using System.Text;
using FactCheck.Core.Common;
using FactCheck.Core.Documents;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Readers;
using FactCheck.Core.Review;
using FactCheck.Core.Security;
using FactCheck.Core.Settings;
using FactCheck.Core.Users;
using FactCheck.Core.Workflow;
using FactCheck.Extraction;
using FactCheck.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Web.Tests.Security;

/// <summary>
/// The app with one claim assigned to Alice and one published claim, for <see cref="BadInputTests"/>.
/// </summary>
public sealed class BadInputSite : IAsyncLifetime
{
    public FactCheckWebFactory Factory { get; } = new();
    public int AssignedClaimId { get; private set; }
    public int NewClaimId { get; private set; }
    public int PublishedClaimId { get; private set; }
    public string PublishedSlug { get; private set; } = "";
    public Actor Lead { get; private set; } = default!;
    public Actor Alice { get; private set; } = default!;
    public Actor Bob { get; private set; } = default!;
    public Actor Admin { get; private set; } = default!;
    public Actor Reader { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Lead = await Factory.ActorAsync("lead@factcheck.local");
        Alice = await Factory.ActorAsync("alice@factcheck.local");
        Bob = await Factory.ActorAsync("bob@factcheck.local");
        Admin = await Factory.ActorAsync("admin@factcheck.local");
        Reader = await Factory.ActorAsync("reader@factcheck.local");
        var importer = Factory.Services.GetRequiredService<DocumentImportService>();
        var claims = (await importer.ImportAsync(Lead, new ImportRequest("Bad input",
            "The ministry said 1,200 people were killed on Monday, according to officials. Prices rose 12% in March. Unemployment fell to 4.1% last year, the minister said."))).Claims;
        var review = Factory.Services.GetRequiredService<ReviewService>();
        AssignedClaimId = claims[0].Id;
        PublishedClaimId = claims[1].Id;
        NewClaimId = claims[2].Id;
        await review.AssignAsync(Lead, AssignedClaimId, Alice.UserId!);
        await review.AssignAsync(Lead, PublishedClaimId, Alice.UserId!);
        await review.SaveVerdictAsync(Alice, PublishedClaimId, Rating.False, "Wrong.");
        PublishedSlug = (await review.PublishAsync(Lead, PublishedClaimId, Rating.False, "Published.")).Slug;
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Bad input over the forms (the services every form calls, and the static account forms over
/// HTTP) and the pages' query strings: each is refused with a 4xx or a message for the user, and
/// no table changes. One table of cases, each named for what it sends.
/// </summary>
public sealed class BadInputTests(BadInputSite site) : IClassFixture<BadInputSite>
{
    private static readonly string Bomb = new string('>', 300) + "x";
    private static readonly string ListBomb = string.Concat(Enumerable.Repeat("- ", 300)) + "x";

    private delegate Task Case(BadInputSite site);

    /// <summary>Service calls a form makes; the outcome must be an exception the form shows as a message.</summary>
    private static readonly Dictionary<string, Case> FormCases = new()
    {
        ["comment: nesting bomb"] = s => Review(s).AddCommentAsync(s.Lead, s.AssignedClaimId, Bomb),
        ["comment: list bomb"] = s => Review(s).AddCommentAsync(s.Lead, s.AssignedClaimId, ListBomb),
        ["comment: empty"] = s => Review(s).AddCommentAsync(s.Lead, s.AssignedClaimId, "  "),
        ["comment: script"] = s => Review(s).AddCommentAsync(s.Lead, s.AssignedClaimId, "<script>alert(1)</script>"),
        ["comment: javascript link"] = s => Review(s).AddCommentAsync(s.Lead, s.AssignedClaimId, "[x](javascript:alert(1))"),
        ["comment: too long"] = s => Review(s).AddCommentAsync(s.Lead, s.AssignedClaimId, new string('a', 10_001)),
        ["comment: missing claim"] = s => Review(s).AddCommentAsync(s.Lead, 987_654, "Hello"),
        ["comment: reviewer not assigned"] = s => Review(s).AddCommentAsync(s.Bob, s.AssignedClaimId, "Hello"),
        ["comment: reader"] = s => Review(s).AddCommentAsync(s.Reader, s.AssignedClaimId, "Hello"),
        ["verdict: rationale bomb"] = s => Review(s).SaveVerdictAsync(s.Alice, s.AssignedClaimId, Rating.False, Bomb),
        ["verdict: empty rationale"] = s => Review(s).SaveVerdictAsync(s.Alice, s.AssignedClaimId, Rating.False, ""),
        ["verdict: no rating"] = s => Review(s).SaveVerdictAsync(s.Alice, s.AssignedClaimId, null, "Because."),
        ["verdict: undefined rating"] = s => Review(s).SaveVerdictAsync(s.Alice, s.AssignedClaimId, (Rating)99, "Because."),
        ["verdict: not assigned"] = s => Review(s).SaveVerdictAsync(s.Bob, s.AssignedClaimId, Rating.True, "Because."),
        ["verdict: rationale with iframe"] = s => Review(s).SaveVerdictAsync(s.Alice, s.AssignedClaimId, Rating.True, "<iframe src=x>"),
        ["source: javascript url"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "javascript:alert(1)", "Title", SourceStance.Supports),
        ["source: relative url"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "/etc/passwd", "Title", SourceStance.Supports),
        ["source: data url"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "data:text/html,hi", "Title", SourceStance.Supports),
        ["source: empty url"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "", "Title", SourceStance.Supports),
        ["source: url too long"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "https://x.example/" + new string('a', 2100), "Title", SourceStance.Supports),
        ["source: empty title"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "https://x.example/", " ", SourceStance.Supports),
        ["source: right-to-left override title"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "https://x.example/", "\u202Efdp.exe", SourceStance.Supports),
        ["source: zero-width title"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "https://x.example/", "\u200B\u200C\u200D", SourceStance.Supports),
        ["source: title too long"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "https://x.example/", new string('t', 301), SourceStance.Supports),
        ["source: script excerpt"] = s => Review(s).AddSourceAsync(s.Alice, s.AssignedClaimId, "https://x.example/", "Title", SourceStance.Supports, "<script>x</script>"),
        ["source: not assigned"] = s => Review(s).AddSourceAsync(s.Bob, s.AssignedClaimId, "https://x.example/", "Title", SourceStance.Supports),
        ["publish: summary bomb"] = s => Review(s).PublishAsync(s.Lead, s.PublishedClaimId, Rating.False, Bomb, "Note."),
        ["publish: no rating"] = s => Review(s).PublishAsync(s.Lead, s.AssignedClaimId, null, "Summary."),
        ["publish: empty summary"] = s => Review(s).PublishAsync(s.Lead, s.AssignedClaimId, Rating.False, ""),
        ["publish: a new claim"] = s => Review(s).PublishAsync(s.Lead, s.NewClaimId, Rating.False, "Summary."),
        ["publish: by a reviewer"] = s => Review(s).PublishAsync(s.Alice, s.AssignedClaimId, Rating.False, "Summary."),
        ["publish: already published"] = s => Review(s).PublishAsync(s.Lead, s.PublishedClaimId, Rating.True, "Again."),
        ["reopen: not published"] = s => Review(s).ReopenAsync(s.Lead, s.NewClaimId),
        ["dismiss: empty reason"] = s => Review(s).DismissAsync(s.Lead, s.NewClaimId, ""),
        ["dismiss: reason too long"] = s => Review(s).DismissAsync(s.Lead, s.NewClaimId, new string('r', 501)),
        ["dismiss: by a reviewer"] = s => Review(s).DismissAsync(s.Alice, s.NewClaimId, "No."),
        ["dismiss: published claim"] = s => Review(s).DismissAsync(s.Lead, s.PublishedClaimId, "No."),
        ["assign: unknown reviewer"] = s => Review(s).AssignAsync(s.Lead, s.NewClaimId, "no-such-user"),
        ["assign: a reader"] = s => Review(s).AssignAsync(s.Lead, s.NewClaimId, s.Reader.UserId!),
        ["assign: by a reviewer"] = s => Review(s).AssignAsync(s.Alice, s.NewClaimId, s.Bob.UserId!),
        ["merge: into itself"] = s => Review(s).MergeAsync(s.Lead, s.NewClaimId, s.NewClaimId),
        ["merge: into a missing claim"] = s => Review(s).MergeAsync(s.Lead, s.NewClaimId, 987_654),
        ["edit claim: empty text"] = s => EditAsync(s, ""),
        ["edit claim: script"] = s => EditAsync(s, "<script>x</script>"),
        ["edit claim: too long"] = s => EditAsync(s, new string('c', 2001)),
        ["edit claim: stale version"] = s => Review(s).EditClaimAsync(s.Lead, s.NewClaimId, "New words.", null, ClaimKind.Statistic, Guid.NewGuid()),
        ["bulk: dismiss without reason"] = s => Review(s).BulkAsync(s.Lead, [s.NewClaimId], new BulkAction.Dismiss("")),
        ["import: empty text"] = s => Import(s).ImportAsync(s.Lead, new ImportRequest("Title", "   ")),
        ["import: zero-width title"] = s => Import(s).ImportAsync(s.Lead, new ImportRequest("\u200B\u2060", "Prices rose 9% in June.")),
        ["import: right-to-left override title"] = s => Import(s).ImportAsync(s.Lead, new ImportRequest("\u202Egnp.exe", "Prices rose 9% in June.")),
        ["import: script title"] = s => Import(s).ImportAsync(s.Lead, new ImportRequest("<script>x</script>", "Prices rose 9% in June.")),
        ["import: by a reviewer"] = s => Import(s).ImportAsync(s.Alice, new ImportRequest("Title", "Prices rose 9% in June.")),
        ["import file: markdown quote bomb"] = s => Import(s).ImportFileAsync(s.Lead, "bomb.md", Encoding.UTF8.GetBytes("# Bomb\n\n" + Bomb)),
        ["import file: markdown list bomb"] = s => Import(s).ImportFileAsync(s.Lead, "bomb.md", Encoding.UTF8.GetBytes("# Bomb\n\n" + ListBomb)),
        ["import file: nested div bomb"] = s => Import(s).ImportFileAsync(s.Lead, "deep.html", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<div>", 100_000)) + "x")),
        ["import file: binary"] = s => Import(s).ImportFileAsync(s.Lead, "x.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00]),
        ["import file: unsupported type"] = s => Import(s).ImportFileAsync(s.Lead, "x.exe", [0x4D, 0x5A]),
        ["import file: empty"] = s => Import(s).ImportFileAsync(s.Lead, "x.txt", []),
        ["import url: loopback"] = s => Import(s).ImportUrlAsync(s.Lead, "http://127.0.0.1/"),
        ["import url: documentation range"] = s => Import(s).ImportUrlAsync(s.Lead, "http://192.0.2.1/"),
        ["import url: benchmarking range"] = s => Import(s).ImportUrlAsync(s.Lead, "http://198.18.0.1/"),
        ["import url: NAT64 loopback"] = s => Import(s).ImportUrlAsync(s.Lead, "http://[64:ff9b::7f00:1]/"),
        ["import url: 6to4"] = s => Import(s).ImportUrlAsync(s.Lead, "http://[2002:7f00:1::1]/"),
        ["import url: mapped private"] = s => Import(s).ImportUrlAsync(s.Lead, "http://[::ffff:10.0.0.1]/"),
        ["import url: file scheme"] = s => Import(s).ImportUrlAsync(s.Lead, "file:///etc/passwd"),
        ["saved filter: empty name"] = s => s.Factory.Services.GetRequiredService<SavedFilterService>().SaveAsync(s.Lead, " ", new ClaimQuery()),
        ["saved filter: script name"] = s => s.Factory.Services.GetRequiredService<SavedFilterService>().SaveAsync(s.Lead, "<script>x</script>", new ClaimQuery()),
        ["settings: javascript url"] = s => s.Factory.Services.GetRequiredService<SiteSettingsService>().UpdateAsync(s.Admin, new SiteSettingsInput { OrganizationUrl = "javascript:alert(1)" }),
        ["settings: by a lead"] = s => s.Factory.Services.GetRequiredService<SiteSettingsService>().UpdateAsync(s.Lead, new SiteSettingsInput { OrganizationName = "Mine" }),
        ["users: invalid e-mail"] = s => s.Factory.Services.GetRequiredService<UserAdminService>().CreateAsync(s.Admin, "not-an-email", "X", "Strong-pass-1", [Roles.Reviewer]),
        ["users: unknown role"] = s => s.Factory.Services.GetRequiredService<UserAdminService>().CreateAsync(s.Admin, "x1@example.org", "X", "Strong-pass-1", ["Overlord"]),
        ["users: weak password"] = s => s.Factory.Services.GetRequiredService<UserAdminService>().CreateAsync(s.Admin, "x2@example.org", "X", "123", [Roles.Reviewer]),
        ["users: taken e-mail"] = s => s.Factory.Services.GetRequiredService<UserAdminService>().CreateAsync(s.Admin, "bob@factcheck.local", "X", "Strong-pass-1", [Roles.Reviewer]),
        ["users: by a lead"] = s => s.Factory.Services.GetRequiredService<UserAdminService>().CreateAsync(s.Lead, "x3@example.org", "X", "Strong-pass-1", [Roles.Reviewer]),
        ["tokens: empty name"] = s => s.Factory.Services.GetRequiredService<ApiTokenService>().CreateAsync(s.Lead, "", ["lead"]),
        ["readers: empty suggestion"] = s => s.Factory.Services.GetRequiredService<ReaderRequestService>().SuggestAsync(s.Reader, " ", null),
        ["readers: script suggestion"] = s => s.Factory.Services.GetRequiredService<ReaderRequestService>().SuggestAsync(s.Reader, "<script>x</script>", null),
        ["readers: javascript suggestion url"] = s => s.Factory.Services.GetRequiredService<ReaderRequestService>().SuggestAsync(s.Reader, "Check this.", "javascript:alert(1)"),
        ["readers: correction for a missing verdict"] = s => s.Factory.Services.GetRequiredService<ReaderRequestService>().RequestCorrectionAsync(s.Reader, "no-such-slug", "It is wrong."),
        ["readers: empty correction"] = s => s.Factory.Services.GetRequiredService<ReaderRequestService>().RequestCorrectionAsync(s.Reader, s.PublishedSlug, ""),
        ["readers: anonymous suggestion"] = s => s.Factory.Services.GetRequiredService<ReaderRequestService>().SuggestAsync(Actor.Anonymous, "Check this.", null),
    };

    /// <summary>Pages and static forms over HTTP: each must answer 4xx, or 200 with the form's message.</summary>
    private static readonly Dictionary<string, (string Path, string? FormMessage)> PageCases = new()
    {
        ["verdicts: page=abc"] = ("/verdicts?page=abc", null),
        ["verdicts: page=99999999999"] = ("/verdicts?page=99999999999", null),
        ["verdicts: page=-1"] = ("/verdicts?page=-1", null),
        ["verdicts: page=1e3"] = ("/verdicts?page=1e3", null),
        ["verdicts: page=2147483647"] = ("/verdicts?page=2147483647", null),
        ["claimreviews: page=2147483647"] = ("/api/claimreviews?page=2147483647", null),
        ["claimreviews: page=abc"] = ("/api/claimreviews?page=abc", null),
        ["claimreviews: pageSize=abc"] = ("/api/claimreviews?pageSize=abc", null),
        ["claimreviews: pageSize=1000000"] = ("/api/claimreviews?pageSize=1000000", null),
        ["claimreviews: since=yesterday"] = ("/api/claimreviews?since=yesterday", null),
        ["verdict: unknown slug"] = ("/verdicts/no-such-verdict-here", null),
        ["claims: documentId=abc"] = ("/claims?documentId=abc", null),
        ["audit csv: claimId=abc"] = ("/api/audit.csv?claimId=abc", null),
    };

    public static TheoryData<string> FormCaseNames() => [.. FormCases.Keys];

    public static TheoryData<string> PageCaseNames() => [.. PageCases.Keys];

    private static ReviewService Review(BadInputSite s) => s.Factory.Services.GetRequiredService<ReviewService>();

    private static DocumentImportService Import(BadInputSite s) => s.Factory.Services.GetRequiredService<DocumentImportService>();

    private static async Task EditAsync(BadInputSite s, string text)
    {
        var claim = await s.Factory.Services.GetRequiredService<ClaimQueryService>().GetAsync(s.Lead, s.NewClaimId);
        await Review(s).EditClaimAsync(s.Lead, s.NewClaimId, text, null, ClaimKind.Statistic, claim!.Version);
    }

    [Theory]
    [MemberData(nameof(FormCaseNames))]
    public async Task A_form_refuses_bad_input_with_a_message_and_changes_nothing(string name)
    {
        var before = await CountsAsync();

        var error = await Record.ExceptionAsync(() => FormCases[name](site));

        Assert.NotNull(error);
        Assert.True(error is ValidationException or WorkflowException or AccessDeniedException or ConflictException or DocumentReadException or NotFoundException,
            $"{name}: {error.GetType().Name}: {error.Message}");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [MemberData(nameof(PageCaseNames))]
    public async Task A_page_answers_bad_query_input_with_a_4xx_and_a_message_and_changes_nothing(string name)
    {
        var (path, _) = PageCases[name];
        var client = await site.Factory.SignedInClientAsync("lead@factcheck.local");
        var before = await CountsAsync();

        var response = await client.GetAsync(path);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()), name);
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string, string> LoginCases() => new()
    {
        { "", "Demo-pass-1", "Enter your e-mail address" },
        { "not-an-email", "Demo-pass-1", "valid e-mail" },
        { "alice@factcheck.local", "", "Enter your password" },
        { "alice@factcheck.local", "wrong-pass-1", "Wrong e-mail or password" },
        { "nobody@factcheck.local", "Demo-pass-1", "Wrong e-mail or password" },
        { "' OR 1=1 --", "x", "valid e-mail" },
    };

    [Theory]
    [MemberData(nameof(LoginCases))]
    public async Task The_sign_in_form_answers_bad_input_with_its_message_and_signs_nobody_in(string email, string password, string message)
    {
        var before = await CountsAsync();
        var response = await FactCheckWebFactory.PostLoginAsync(site.Factory.CreateBrowserClient(), email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("FactCheck.Auth=", StringComparison.Ordinal)));
        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string, string, string, string, string> RegisterCases() => new()
    {
        { "Reader", "not-an-email", "Reader-pass-1", "Reader-pass-1", "valid e-mail" },
        { "Reader", "short@example.org", "short", "short", "at least 8" },
        { "Reader", "mismatch@example.org", "Reader-pass-1", "Reader-pass-2", "do not match" },
        { "<script>alert(1)</script>", "script@example.org", "Reader-pass-1", "Reader-pass-1", "cannot contain HTML" },
        { "", "noname@example.org", "Reader-pass-1", "Reader-pass-1", "Enter your name" },
        { "Reader", "bob@factcheck.local", "Reader-pass-1", "Reader-pass-1", "could not be created" },
        { new string('n', 101), "long@example.org", "Reader-pass-1", "Reader-pass-1", "under 100" },
    };

    [Theory]
    [MemberData(nameof(RegisterCases))]
    public async Task The_registration_form_answers_bad_input_with_its_message_and_creates_nobody(string name, string email, string password, string confirm, string message)
    {
        var client = site.Factory.CreateBrowserClient();
        var before = await CountsAsync();
        var token = PublishedSite.AntiforgeryToken(await client.GetStringAsync("/Account/Register"));

        var response = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "register",
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    public async Task A_form_post_without_its_antiforgery_token_is_refused_with_400(string path)
    {
        var before = await CountsAsync();
        var response = await site.Factory.CreateBrowserClient().PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "alice@factcheck.local",
            ["Input.Password"] = "Demo-pass-1",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<string> CountsAsync()
    {
        await using var db = await site.Factory.Services.GetRequiredService<IDbContextFactory<FactCheckDbContext>>().CreateDbContextAsync();
        var counts = new[]
        {
            await db.Documents.CountAsync(), await db.Claims.CountAsync(), await db.Assignments.CountAsync(), await db.Verdicts.CountAsync(),
            await db.Sources.CountAsync(), await db.Comments.CountAsync(), await db.Publications.CountAsync(), await db.AuditEvents.CountAsync(),
            await db.ApiTokens.CountAsync(), await db.SavedFilters.CountAsync(), await db.Suggestions.CountAsync(), await db.CorrectionRequests.CountAsync(),
            await db.SiteSettings.CountAsync(), await db.Users.CountAsync(),
            await db.Claims.CountAsync(c => c.Status == ClaimStatus.Dismissed),
        };
        var claimTexts = string.Join("|", await db.Claims.OrderBy(c => c.Id).Select(c => c.Text.Length + ":" + (int)c.Status).ToListAsync());
        return string.Join(",", counts) + "#" + claimTexts.GetHashCode(StringComparison.Ordinal);
    }
}
