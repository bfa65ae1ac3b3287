using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using FactCheck.Core.Domain;
using FactCheck.Web.Localization;

namespace FactCheck.Web.Tests.Localization;

/// <summary>
/// The public site's words: every English key has its Arabic translation, every key a page asks
/// for exists, and the keys built from enum values (ratings, stances, request states) are all there.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly ResourceManager PublicResources = new(typeof(PublicText).FullName!, typeof(PublicText).Assembly);

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var set = PublicResources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [Fact]
    public void Every_English_public_key_has_an_Arabic_translation()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var arabic = Entries(new CultureInfo("ar"));
        Assert.True(english.Count > 100, $"The English public resources hold the site's words ({english.Count}).");
        var missing = english.Keys.Where(k => !arabic.TryGetValue(k, out var text) || string.IsNullOrWhiteSpace(text)).Order().ToList();
        Assert.True(missing.Count == 0, "Missing Arabic: " + string.Join(", ", missing));
        var extra = arabic.Keys.Except(english.Keys).Order().ToList();
        Assert.True(extra.Count == 0, "Arabic keys without English: " + string.Join(", ", extra));
    }

    [Fact]
    public void Arabic_translations_keep_the_placeholders_of_the_English_text()
    {
        var arabic = Entries(new CultureInfo("ar"));
        foreach (var (key, english) in Entries(CultureInfo.InvariantCulture))
        {
            var expected = PlaceholderRegex().Matches(english).Select(m => m.Value).Order().ToList();
            var actual = PlaceholderRegex().Matches(arabic[key]).Select(m => m.Value).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"{key}: '{arabic[key]}' has placeholders {string.Join(",", actual)}, English {string.Join(",", expected)}.");
        }
    }

    [Fact]
    public void Every_key_the_public_pages_ask_for_exists_in_English()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var web = Path.Combine(RepositoryRoot(), "src", "FactCheck.Web");
        var files = new[] { "Components/Pages/Verdicts", "Components/Pages/Readers", "Components/Account", "Components/Layout/PublicLayout.razor", "Components/Layout/LanguageSwitch.razor", "Components/Pages/NotFound.razor" }
            .SelectMany(p => Directory.Exists(Path.Combine(web, p)) ? Directory.EnumerateFiles(Path.Combine(web, p), "*.razor", SearchOption.AllDirectories) : [Path.Combine(web, p)])
            .ToList();
        var used = files.SelectMany(f => UsedKeyRegex().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value))).ToList();
        Assert.True(used.Count > 80, $"The scan finds the pages' keys ({used.Count}).");
        var unknown = used.Where(u => !english.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(unknown.Count == 0, "Keys without English text: " + string.Join(", ", unknown));
        // Validation messages are looked up by name too.
        foreach (var property in typeof(AccountValidation).GetProperties())
            Assert.NotEqual(property.Name, (string)property.GetValue(null)!);
    }

    [Fact]
    public void Keys_built_from_enum_values_exist_in_both_languages()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var arabic = Entries(new CultureInfo("ar"));
        var keys = Enum.GetValues<Rating>().Select(r => $"Rating.{r}")
            .Concat(Enum.GetValues<SourceStance>().SelectMany(s => new[] { $"Stance.{s}", $"Verdict.Sources.{s}" }))
            .Concat(Enum.GetValues<RequestStatus>().Select(s => $"Requests.Status.{s}"));
        foreach (var key in keys)
        {
            Assert.True(english.ContainsKey(key), $"English {key}");
            Assert.True(arabic.ContainsKey(key), $"Arabic {key}");
        }
    }

    [Fact]
    public void Every_key_the_workspace_pages_ask_for_exists_in_English()
    {
        var workspace = new ResourceManager(typeof(WorkspaceText).FullName!, typeof(WorkspaceText).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        var components = Path.Combine(RepositoryRoot(), "src", "FactCheck.Web", "Components");
        var files = Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("IStringLocalizer<WorkspaceText> T", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count >= 5, $"The workspace pages read their words from WorkspaceText ({files.Count}).");
        var unknown = files.SelectMany(f => UsedKeyRegex().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Groups[1].Value}"))
            .Where(u => !workspace.Contains(u[(u.IndexOf(": ", StringComparison.Ordinal) + 2)..])).Distinct().ToList();
        Assert.True(unknown.Count == 0, "Keys without English text: " + string.Join(", ", unknown));
        // The exports page looks its cards up by key.
        foreach (var key in new[] { "Exports.ClaimsCsv", "Exports.ClaimsCsv.Text", "Exports.ClaimsJson", "Exports.ClaimsJson.Text", "Exports.ClaimReviews", "Exports.ClaimReviews.Text" })
            Assert.Contains(key, workspace);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FactCheck.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The tests run inside the repository.");
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex("""T\["([A-Za-z.]+)"[\],]""")]
    private static partial Regex UsedKeyRegex();
}
