using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FactCheck.Core.Domain;
using FactCheck.Core.Persistence;
using FactCheck.Core.Security;
using FactCheck.Extraction;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FactCheck.Data.Generation;

/// <summary>What a generator run added.</summary>
public sealed record GeneratedWorkspace(int Documents, int Claims, int Assignments, int Verdicts, int Sources, int Comments,
    int Publications, int AuditEvents, int UsersCreated, TimeSpan Elapsed);

/// <summary>
/// Fills an existing, migrated SQLite database with a realistic workspace at scale (documents, claims
/// anchored to their spans, assignments, sources, comments, verdicts, publications and audit rows),
/// to measure queries at 100,000 claims. It bypasses extraction and writes with prepared commands in
/// one transaction; the FTS tables stay consistent because the migration's triggers index every
/// inserted claim and document. The same seed on the same database gives the same data.
/// </summary>
public sealed class WorkspaceDataGenerator(string connectionString, int seed = 1)
{
    public const string Password = DemoData.Password;
    public const int ClaimsPerDocument = 20;

    /// <summary>Accounts the generated work is spread over; created when missing (password <see cref="Password"/>).</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        ("lead2@factcheck.local", "Lena Lead", Roles.Lead),
        ("carol@factcheck.local", "Carol Reviewer", Roles.Reviewer),
        ("dan@factcheck.local", "Dan Reviewer", Roles.Reviewer),
        ("erin@factcheck.local", "Erin Reviewer", Roles.Reviewer),
        ("farid@factcheck.local", "Farid Reviewer", Roles.Reviewer),
        ("grace@factcheck.local", "Grace Reviewer", Roles.Reviewer),
        ("hiro@factcheck.local", "Hiro Reviewer", Roles.Reviewer),
    ];

    private static readonly ValueConverter<DateTimeOffset, long> Ticks = new DateTimeOffsetToBinaryConverter();

    public async Task<GeneratedWorkspace> GenerateAsync(int claimCount, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(claimCount);
        var stopwatch = Stopwatch.StartNew();
        var (people, usersCreated) = await EnsureAccountsAsync(cancellationToken);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -200000;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var firstDocumentId = await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(Id), 0) + 1 FROM Documents", cancellationToken);
        var firstClaimId = await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(Id), 0) + 1 FROM Claims", cancellationToken);
        // The start ids join the seed, so a second run on the same database writes new texts (document hashes are unique).
        // (Not HashCode.Combine: it is randomized per process, and the same seed must give the same data in every run.)
        var random = new Random(unchecked(seed * 1_000_003 + firstDocumentId * 7_919 + firstClaimId) & int.MaxValue);
        var writer = new Writer(connection, transaction, random, people);

        var now = DateTimeOffset.UtcNow;
        var documentCount = (claimCount + ClaimsPerDocument - 1) / ClaimsPerDocument;
        var claimId = firstClaimId;
        var remaining = claimCount;
        for (var d = 0; d < documentCount; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var claimsHere = Math.Min(remaining, ClaimsPerDocument);
            var importedAt = now.AddMinutes(-random.Next(10, 365 * 24 * 60));
            var document = Text.Document(random, claimsHere, firstDocumentId + d);
            writer.AddDocument(firstDocumentId + d, document, importedAt);
            foreach (var sentence in document.Claims)
                writer.AddClaim(claimId++, firstDocumentId + d, sentence, importedAt, now);
            remaining -= claimsHere;
            if (d % 500 == 499) progress?.Report($"{claimCount - remaining:N0} of {claimCount:N0} claims");
        }
        await transaction.CommitAsync(cancellationToken);
        // Public pages read what was published: each generated publication gets its snapshot, as PublishAsync would take it.
        var options = new DbContextOptionsBuilder<FactCheckDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(options, connectionString);
        await using (var db = new FactCheckDbContext(options.Options))
        {
            await PublicationSnapshotBackfill.RunAsync(db, cancellationToken);
            await DatabaseStatistics.RefreshAsync(db, cancellationToken);
        }
        await ExecuteAsync(connection, null, "PRAGMA optimize;", cancellationToken);
        return writer.Result(usersCreated, stopwatch.Elapsed);
    }

    /// <summary>The lead and reviewer accounts to spread work over: existing ones plus the generator's own.</summary>
    private async Task<(People People, int Created)> EnsureAccountsAsync(CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<FactCheckDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(options, connectionString);
        await using var db = new FactCheckDbContext(options.Options);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        foreach (var role in Roles.All.Where(r => !roleIds.ContainsKey(r)))
        {
            var newRole = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(newRole);
            roleIds[role] = newRole.Id;
        }
        var hasher = new PasswordHasher<ApplicationUser>();
        var created = 0;
        foreach (var (email, name, role) in Accounts)
        {
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), cancellationToken)) continue;
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = name, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
            };
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
            created++;
        }
        await db.SaveChangesAsync(cancellationToken);

        async Task<List<Person>> InRoleAsync(string role) => await (
            from user in db.Users
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            where userRole.RoleId == roleIds[role]
            orderby user.Email
            select new Person(user.Id, user.DisplayName != "" ? user.DisplayName : user.Email!)).ToListAsync(cancellationToken);
        return (new People(await InRoleAsync(Roles.Lead), await InRoleAsync(Roles.Reviewer)), created);
    }

    private static async Task<int> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Person(string Id, string Name);

    private sealed record People(IReadOnlyList<Person> Leads, IReadOnlyList<Person> Reviewers);

    /// <summary>Prepared INSERTs, one per table, reused for every row.</summary>
    private sealed class Writer
    {
        private readonly Random _random;
        private readonly People _people;
        private readonly SqliteCommand _document, _claim, _assignment, _verdict, _source, _comment, _publication, _audit;
        private int _documents, _claims, _assignments, _verdicts, _sources, _comments, _publications, _auditEvents;

        public Writer(SqliteConnection connection, SqliteTransaction transaction, Random random, People people)
        {
            if (people.Leads.Count == 0 || people.Reviewers.Count == 0) throw new InvalidOperationException("No lead or reviewer accounts to assign work to.");
            _random = random;
            _people = people;
            SqliteCommand Prepare(string table, params string[] columns)
            {
                var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
                foreach (var column in columns) command.Parameters.Add(new SqliteParameter("$" + column, null));
                command.Prepare();
                return command;
            }
            _document = Prepare("Documents", "Id", "Title", "SourceUrl", "Publisher", "PublishedAt", "ImportedById", "ImportedAt", "Text", "ContentHash", "Format");
            _claim = Prepare("Claims", "Id", "DocumentId", "Text", "SpanStart", "SpanLength", "Attribution", "Kind", "Score", "Reasons", "Status",
                "Priority", "DueAt", "Tags", "DuplicateOfId", "SimilarToId", "Similarity", "AcceptedAt", "DismissalReason", "CreatedAt", "UpdatedAt", "Version");
            _assignment = Prepare("Assignments", "ClaimId", "ReviewerId", "AssignedById", "AssignedAt", "DueAt", "RemovedAt");
            _verdict = Prepare("Verdicts", "ClaimId", "ReviewerId", "Rating", "Rationale", "SubmittedAt", "UpdatedAt", "Version");
            _source = Prepare("Sources", "ClaimId", "Url", "Title", "Publisher", "Excerpt", "Stance", "AddedById", "AddedAt");
            _comment = Prepare("Comments", "ClaimId", "AuthorId", "Body", "CreatedAt");
            _publication = Prepare("Publications", "ClaimId", "Slug", "VersionNumber", "Rating", "Summary", "CorrectionNote", "PublishedById", "PublishedAt", "IsCurrent", "Version");
            _audit = Prepare("AuditEvents", "At", "ActorId", "ActorName", "Action", "EntityType", "EntityId", "ClaimId", "Before", "After");
        }

        public GeneratedWorkspace Result(int usersCreated, TimeSpan elapsed) =>
            new(_documents, _claims, _assignments, _verdicts, _sources, _comments, _publications, _auditEvents, usersCreated, elapsed);

        private static void Run(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateTimeOffset at => Ticks.ConvertToProvider(at),
                    Guid guid => guid.ToString().ToUpperInvariant(),
                    bool flag => flag ? 1 : 0,
                    Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
                    var value => value,
                };
            }
            command.ExecuteNonQuery();
        }

        private Guid NewGuid()
        {
            Span<byte> bytes = stackalloc byte[16];
            _random.NextBytes(bytes);
            return new Guid(bytes);
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

        private void Audit(DateTimeOffset at, Person actor, string action, string entityType, object entityId, int? claimId, string? before, string? after)
        {
            Run(_audit, at, actor.Id, actor.Name, action, entityType, entityId.ToString(), claimId, before, after);
            _auditEvents++;
        }

        public void AddDocument(int id, GeneratedDocument document, DateTimeOffset importedAt)
        {
            var lead = Pick(_people.Leads);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document.Text)));
            Run(_document, id, document.Title, document.Url, document.Publisher, importedAt.AddHours(-_random.Next(1, 72)), lead.Id, importedAt,
                document.Text, hash, document.Url is null ? DocumentFormat.Text : DocumentFormat.Url);
            _documents++;
            Audit(importedAt, lead, "DocumentImported", nameof(Document), id, null, null,
                $$"""{"title":{{Json(document.Title)}},"format":"{{(document.Url is null ? "Text" : "Url")}}","claims":{{document.Claims.Count}},"contentHash":"{{hash}}"}""");
        }

        public void AddClaim(int id, int documentId, GeneratedSentence sentence, DateTimeOffset createdAt, DateTimeOffset now)
        {
            var roll = _random.Next(100);
            var status = roll switch
            {
                < 35 => ClaimStatus.New,
                < 55 => ClaimStatus.Assigned,
                < 70 => ClaimStatus.InReview,
                < 78 => ClaimStatus.AwaitingDecision,
                < 95 => ClaimStatus.Published,
                _ => ClaimStatus.Dismissed,
            };
            var worked = status is not (ClaimStatus.New or ClaimStatus.Dismissed);
            var reviewers = worked ? PickReviewers(_random.Next(5) == 0 ? 2 : 1) : [];
            var lead = Pick(_people.Leads);
            var assignedAt = createdAt.AddMinutes(_random.Next(30, 48 * 60));
            DateTimeOffset? dueAt = worked ? assignedAt.AddDays(_random.Next(2, 15)) : null;
            // Scores in steps of 0.001: many ties, as real scores have, so paging must break them by id.
            var score = Math.Round(0.35 + _random.NextDouble() * 0.64, 3);
            var tags = _random.Next(10) < 3 ? string.Join(',', Text.Tags.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).Order(StringComparer.Ordinal)) : "";
            var priority = _random.Next(10) switch { 0 => ClaimPriority.Low, < 7 => ClaimPriority.Normal, < 9 => ClaimPriority.High, _ => ClaimPriority.Urgent };
            var updatedAt = worked ? assignedAt : createdAt;
            Run(_claim, id, documentId, sentence.Text, sentence.Start, sentence.Text.Length, sentence.Attribution, sentence.Kind, score,
                sentence.Reasons, status, priority, dueAt, tags, null, null, null,
                status == ClaimStatus.New ? null : createdAt.AddMinutes(10), status == ClaimStatus.Dismissed ? Pick(Text.DismissalReasons) : null,
                createdAt, updatedAt, NewGuid());
            _claims++;
            if (status == ClaimStatus.Dismissed)
                Audit(createdAt.AddMinutes(20), lead, "Dismissed", nameof(Claim), id, id, """{"status":"New"}""", """{"status":"Dismissed"}""");
            if (!worked) return;

            // An earlier reviewer who was taken off the claim: the row stays, with when it ended.
            if (_random.Next(20) == 0)
            {
                var former = Pick(_people.Reviewers);
                Run(_assignment, id, former.Id, lead.Id, assignedAt.AddMinutes(-30), dueAt, assignedAt.AddMinutes(-5));
                _assignments++;
            }
            foreach (var reviewer in reviewers)
            {
                Run(_assignment, id, reviewer.Id, lead.Id, assignedAt, dueAt, null);
                _assignments++;
                Audit(assignedAt, lead, "Assigned", nameof(Claim), id, id, null, $$"""{"reviewer":{{Json(reviewer.Name)}}}""");
            }

            var at = assignedAt;
            var comments = _random.Next(4);
            for (var c = 0; c < comments; c++)
            {
                at = Later(at, now);
                var author = c % 2 == 0 ? Pick(reviewers) : lead;
                var body = Pick(Text.Comments);
                Run(_comment, id, author.Id, body, at);
                _comments++;
                Audit(at, author, "CommentAdded", nameof(Comment), id, id, null, $$"""{"body":{{Json(body)}}}""");
            }
            if (status == ClaimStatus.Assigned) return;

            var sources = _random.Next(1, 4);
            for (var s = 0; s < sources; s++)
            {
                at = Later(at, now);
                var (publisher, host) = Pick(Text.SourcePublishers);
                var title = $"{Pick(Text.SourceTitles)} ({publisher})";
                Run(_source, id, $"https://{host}/reports/{id}-{s}", title, publisher, Pick(Text.Excerpts), (SourceStance)_random.Next(3), reviewers[0].Id, at);
                _sources++;
                Audit(at, reviewers[0], "SourceAdded", nameof(Source), id, id, null, $$"""{"title":{{Json(title)}}}""");
            }
            // In review: not every assignee has a verdict yet (one of two may have); afterwards all have.
            var withVerdict = status == ClaimStatus.InReview ? reviewers.Take(reviewers.Count - 1) : reviewers;
            var rating = (Rating)_random.Next(6);
            foreach (var reviewer in withVerdict)
            {
                at = Later(at, now);
                var own = _random.Next(4) == 0 ? (Rating)_random.Next(6) : rating;
                Run(_verdict, id, reviewer.Id, own, Pick(Text.Rationales), at, at, NewGuid());
                _verdicts++;
                Audit(at, reviewer, "VerdictSubmitted", nameof(Verdict), $"{id}/{reviewer.Id}", id, null, $$"""{"rating":"{{own}}"}""");
            }
            if (status != ClaimStatus.Published) return;

            var slug = Slug(sentence.Text, id);
            var versions = _random.Next(20) == 0 ? 2 : 1;
            for (var v = 1; v <= versions; v++)
            {
                at = Later(at, now);
                var summary = Text.Summary(_random, rating);
                Run(_publication, id, slug, v, rating, summary, v > 1 ? Pick(Text.CorrectionNotes) : null, lead.Id, at, v == versions, NewGuid());
                _publications++;
                Audit(at, lead, v > 1 ? "Corrected" : "Published", nameof(Publication), $"{id}/v{v}", id, null,
                    $$"""{"slug":{{Json(slug)}},"versionNumber":{{v}},"rating":"{{rating}}"}""");
            }
        }

        private List<Person> PickReviewers(int count) =>
            _people.Reviewers.OrderBy(_ => _random.Next()).Take(Math.Min(count, _people.Reviewers.Count)).ToList();

        private DateTimeOffset Later(DateTimeOffset at, DateTimeOffset now)
        {
            var next = at.AddMinutes(_random.Next(5, 36 * 60));
            return next < now ? next : now;
        }

        private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);
    }

    /// <summary>The same kind of slug the app makes when a lead publishes: the claim's first words and its id.</summary>
    private static string Slug(string text, int id)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if ((char.IsWhiteSpace(c) || c is '-') && builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            if (builder.Length >= 60) break;
        }
        return $"{builder.ToString().Trim('-')}-{id}";
    }
}
