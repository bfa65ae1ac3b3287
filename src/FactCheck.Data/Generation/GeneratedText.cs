using System.Globalization;
using System.Text;
using FactCheck.Core.Domain;
using FactCheck.Extraction;

namespace FactCheck.Data.Generation;

/// <summary>A generated claim: its sentence and where it starts in its document's text.</summary>
public sealed record GeneratedSentence(string Text, int Start, string? Attribution, ClaimKind Kind, string Reasons);

public sealed record GeneratedDocument(string Title, string? Url, string Publisher, string Text, IReadOnlyList<GeneratedSentence> Claims);

/// <summary>
/// News-like text from templates: each document has a topic, a place and speakers; its check-worthy
/// sentences (figures, quotes, comparisons, predictions) become claims, and filler sentences
/// between them read as reporting does.
/// </summary>
internal static class Text
{
    private sealed record Topic(string Name, string Tag, string[] Metrics, string[] Subjects, string[] Events, string[] Orgs);

    private static readonly Topic[] Topics =
    [
        new("health", "health", ["hospital waiting times", "vaccination rates", "maternal mortality", "the number of nurses", "emergency admissions"],
            ["hospitals", "clinics", "doctors", "patients"], ["treated", "admitted", "vaccinated", "turned away"],
            ["the health ministry", "the World Health Organization", "the national audit office", "the doctors' union"]),
        new("economy", "economy", ["inflation", "unemployment", "average wages", "food prices", "the budget deficit", "youth unemployment"],
            ["workers", "families", "small businesses", "pensioners"], ["laid off", "hired", "priced out", "helped"],
            ["the central bank", "the statistics office", "the finance ministry", "the chamber of commerce"]),
        new("conflict", "conflict", ["civilian casualties", "aid deliveries", "the number of displaced people", "ceasefire violations"],
            ["civilians", "aid workers", "refugees", "soldiers"], ["displaced", "evacuated", "killed", "rescued"],
            ["the United Nations", "the Red Cross", "the defence ministry", "monitors"]),
        new("climate", "climate", ["carbon emissions", "average temperatures", "rainfall", "forest cover", "coal use"],
            ["farmers", "coastal towns", "power plants", "households"], ["flooded", "evacuated", "connected to solar power", "affected by drought"],
            ["the environment agency", "the meteorological office", "the energy regulator", "researchers"]),
        new("crime", "crime", ["violent crime", "burglaries", "knife crime", "police response times", "the prison population"],
            ["police officers", "victims", "young people", "prisoners"], ["arrested", "convicted", "released early", "recruited"],
            ["the interior ministry", "the police federation", "the courts service", "the crime survey"]),
        new("migration", "migration", ["net migration", "asylum applications", "border crossings", "visa approvals"],
            ["migrants", "asylum seekers", "seasonal workers", "students"], ["granted asylum", "deported", "registered", "rescued at sea"],
            ["the home office", "the border agency", "the refugee council", "the migration observatory"]),
        new("education", "education", ["school attendance", "teacher vacancies", "exam pass rates", "class sizes", "university fees"],
            ["pupils", "teachers", "students", "schools"], ["enrolled", "excluded", "recruited", "closed"],
            ["the education ministry", "the teachers' union", "the schools inspectorate", "the university council"]),
        new("housing", "housing", ["house prices", "rents", "homelessness", "new homes built", "mortgage approvals"],
            ["tenants", "first-time buyers", "councils", "developers"], ["evicted", "housed", "priced out", "rehoused"],
            ["the housing ministry", "the land registry", "housing charities", "the builders' federation"]),
    ];

    public static readonly string[] Tags = Topics.Select(t => t.Tag).Concat(["election", "viral", "budget", "local"]).ToArray();

    private static readonly string[] Places =
        ["Northshire", "the capital", "Port Aldren", "the eastern region", "Valmora", "the border provinces", "Kessington", "the southern districts", "Lindenfeld", "the coastal belt"];

    private static readonly string[] Speakers =
        ["Prime Minister Elena Varga", "Finance Minister Tomas Reyes", "opposition leader Marcus Hale", "Mayor Priya Natarajan", "Senator Joan Whitaker",
         "Health Minister Kwame Mensah", "Governor Ines Duarte", "union leader Sam O'Connell", "campaigner Lucia Ferrante", "Deputy Minister Oleg Marin",
         "President Amara Okafor", "spokesperson David Lindqvist"];

    private static readonly string[] Publishers =
        ["The Daily Ledger", "Northshire Courier", "Capital Post", "Evening Standard Review", "Coastal Times", "The Observer Weekly", "Radio Valmora", "National Broadcast News"];

    private static readonly string[] TitleForms =
        ["{Speaker} defends record on {metric}", "Row over {metric} figures in {place}", "{Org} warns of rising {metric}", "Debate: who is right about {metric}?",
         "Transcript: {speaker} on {metric} and {subjects}", "{Place} braces for change as {metric} shifts", "Fact sheet: {metric} in {place}", "What the numbers say about {subjects} in {place}"];

    private static readonly string[] Fillers =
        ["The debate continued late into the evening.", "Critics questioned the figures.", "Reporters were not allowed into the building.",
         "The remarks drew applause from the audience.", "Several questions went unanswered.", "A full transcript was published afterwards.",
         "Officials did not respond to a request for comment.", "The session was broadcast live.", "Protesters gathered outside the venue.",
         "The statement was repeated in a televised interview.", "Earlier this month, the committee met behind closed doors.", "The figures have not been independently verified."];

    public static readonly string[] Comments =
        ["Checking the original dataset now.", "The ministry's spreadsheet has a different baseline year.", "Can we get a second source on this?",
         "The quote matches the broadcast at 14:32.", "This figure looks like it mixes gross and net numbers.", "Asked the press office for their source.",
         "Similar claim was rated last month, see the archive.", "The **official report** gives a lower number.", "Needs context: the period changed in 2021."];

    public static readonly (string Publisher, string Host)[] SourcePublishers =
        [("National Statistics Office", "stats.example.org"), ("World Health Organization", "who.example.org"), ("Central Bank", "centralbank.example.org"),
         ("United Nations OCHA", "ocha.example.org"), ("Environment Agency", "environment.example.org"), ("Parliament Library", "library.example.org")];

    public static readonly string[] SourceTitles =
        ["Annual statistical bulletin", "Quarterly labour market report", "Situation report", "Official figures, table 4", "Audit of public spending", "Briefing paper"];

    public static readonly string[] Excerpts =
        ["The series shows a smaller change over the same period.", "Figures were revised after publication.", "The estimate carries a wide margin of error.",
         "Comparable data are available only from 2015.", "The report does not support the stated total."];

    public static readonly string[] Rationales =
        ["The official series shows a different trend over the same period.", "The number is accurate but leaves out the change in method.",
         "No public data supports the figure; the office could not provide a source.", "The quote is accurate and the figure matches the published table.",
         "The comparison uses two different baseline years."];

    public static readonly string[] DismissalReasons = ["Opinion, not checkable", "Duplicate of an earlier claim", "Not a factual claim", "Out of scope"];

    public static readonly string[] CorrectionNotes = ["Updated with the revised official figures.", "Corrected the year of the comparison.", "Added the ministry's response."];

    private static readonly Dictionary<Rating, string[]> SummaryForms = new()
    {
        [Rating.True] = ["Official data confirm the figure.", "The statement matches the published statistics."],
        [Rating.MostlyTrue] = ["Broadly right, though the figure is rounded up.", "Accurate, but the period chosen flatters the result."],
        [Rating.Mixed] = ["Part of the claim holds; the comparison does not.", "The figure is right but the cause given is not supported."],
        [Rating.Misleading] = ["The number is real but the comparison misleads.", "True in isolation, misleading without the change in method."],
        [Rating.False] = ["Official data contradict the claim.", "No record supports this figure; the real number is far lower."],
        [Rating.Unverifiable] = ["No public data allow the figure to be checked.", "The source could not be identified."],
    };

    public static string Summary(Random random, Rating rating) => SummaryForms[rating][random.Next(SummaryForms[rating].Length)];

    public static GeneratedDocument Document(Random random, int claims, int number)
    {
        var topic = Topics[random.Next(Topics.Length)];
        var place = Places[random.Next(Places.Length)];
        var speakers = Speakers.OrderBy(_ => random.Next()).Take(3).ToArray();
        var publisher = Publishers[random.Next(Publishers.Length)];
        string P(string[] items) => items[random.Next(items.Length)];
        var title = Fill(P(TitleForms), random, topic, place, speakers[0]);
        title = char.ToUpperInvariant(title[0]) + title[1..];

        var text = new StringBuilder(title).Append("\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{place[0..1].ToUpperInvariant()}{place[1..]}, report {number}. ");
        var sentences = new List<GeneratedSentence>(claims);
        var inParagraph = 1;
        while (sentences.Count < claims)
        {
            if (random.Next(3) == 0) text.Append(P(Fillers)).Append(' ');
            var (sentence, attribution, kind, reasons) = ClaimSentence(random, topic, place, speakers);
            sentences.Add(new GeneratedSentence(sentence, text.Length, attribution, kind, reasons));
            text.Append(sentence);
            if (++inParagraph >= 4 && random.Next(2) == 0) { text.Append("\n\n"); inParagraph = 0; }
            else text.Append(' ');
        }
        text.Append(P(Fillers));
        var url = random.Next(3) == 0 ? null : $"https://news.example.org/{topic.Tag}/{number}";
        return new GeneratedDocument(title, url, publisher, text.ToString(), sentences);
    }

    private static (string Text, string? Attribution, ClaimKind Kind, string Reasons) ClaimSentence(Random random, Topic topic, string place, string[] speakers)
    {
        string P(string[] items) => items[random.Next(items.Length)];
        var speaker = speakers[random.Next(speakers.Length)];
        var metric = P(topic.Metrics);
        var percent = random.Next(2, 80);
        var count = (random.Next(3, 900) * (random.Next(2) == 0 ? 1000 : 10)).ToString("N0", CultureInfo.InvariantCulture);
        var year = random.Next(2005, 2025);
        var org = P(topic.Orgs);
        org = char.ToUpperInvariant(org[0]) + org[1..];
        return random.Next(9) switch
        {
            0 => ($"{speaker} said {metric} in {place} {(random.Next(2) == 0 ? "rose" : "fell")} by {percent} percent last year.", speaker, ClaimKind.Statistic,
                "Contains a figure\nNames a speaker"),
            1 => ($"According to {org.ToLowerInvariant()}, {count} {P(topic.Subjects)} were {P(topic.Events)} in {place} since {year}.", null, ClaimKind.Statistic,
                "Contains a figure\nCites a source"),
            2 => ($"\"We have cut {metric} in half since {year},\" {speaker} told supporters.", speaker, ClaimKind.Quote,
                "Quoted statement\nContains a comparison"),
            3 => ($"{Cap(place)} now has the highest {metric} in the country, {speaker} claimed.", speaker, ClaimKind.Comparison,
                "Superlative\nNames a speaker"),
            4 => ($"{org} reported that {metric} reached a record {percent} percent in {year}.", null, ClaimKind.Statistic,
                "Contains a figure\nCites a source"),
            5 => ($"More than {count} {P(topic.Subjects)} have been {P(topic.Events)} this year, {speaker} said.", speaker, ClaimKind.Event,
                "Contains a figure\nNames a speaker"),
            6 => ($"{speaker} said the new policy caused {metric} to {(random.Next(2) == 0 ? "double" : "collapse")} within {random.Next(2, 6)} years.", speaker, ClaimKind.Causal,
                "Names a cause\nNames a speaker"),
            7 => ($"{speaker} predicted that {metric} will fall below {percent} percent by {year + 10}.", speaker, ClaimKind.Prediction,
                "Makes a prediction\nContains a figure"),
            _ => ($"{Cap(place)} spends {percent} percent of its budget on {topic.Name}, more than any neighbouring region, {speaker} said.", speaker, ClaimKind.Comparison,
                "Contains a figure\nContains a comparison"),
        };
    }

    private static string Cap(string value) => char.ToUpperInvariant(value[0]) + value[1..];

    private static string Fill(string form, Random random, Topic topic, string place, string speaker) => form
        .Replace("{Speaker}", speaker).Replace("{speaker}", speaker)
        .Replace("{metric}", topic.Metrics[random.Next(topic.Metrics.Length)])
        .Replace("{Org}", Cap(topic.Orgs[random.Next(topic.Orgs.Length)]))
        .Replace("{Place}", Cap(place)).Replace("{place}", place)
        .Replace("{subjects}", topic.Subjects[random.Next(topic.Subjects.Length)]);
}
