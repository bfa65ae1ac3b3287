using FactCheck.Core.Domain;

namespace FactCheck.Core.Review;

/// <summary>How far the reviewers agree: the most common rating and the share of verdicts that gave it.</summary>
public sealed record VerdictAgreement(Rating Majority, double Share)
{
    /// <summary>Each rating given and how many gave it, most common first (ties: the harsher first).</summary>
    public IReadOnlyList<(Rating Rating, int Count)> Counts { get; private init; } = [];

    /// <summary>No single most common rating (1 False, 1 True): there is no majority to report.</summary>
    public bool IsSplit => Counts.Count > 1 && Counts[0].Count == Counts[1].Count;

    /// <summary>What the decision panel says: "Split: 1 False, 1 True" or "67% of 3 verdicts agree on False".</summary>
    public string Describe() => IsSplit
        ? "Split: " + string.Join(", ", Counts.Select(c => $"{c.Count} {c.Rating.Label()}"))
        : $"{Share * 100:0}% of {Counts.Sum(c => c.Count)} verdict{(Counts.Sum(c => c.Count) == 1 ? "" : "s")} agree on {Majority.Label()}";

    public static VerdictAgreement Of(IEnumerable<Rating> ratings)
    {
        // Ties go to the harsher rating: a lead should look twice before publishing the kinder one.
        var counts = ratings.GroupBy(r => r).Select(g => (Rating: g.Key, Count: g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Rating == Rating.Unverifiable ? int.MaxValue : (int)c.Rating).ToList();
        if (counts.Count == 0) throw new ArgumentException("No verdicts to compare.", nameof(ratings));
        var top = counts[0];
        return new VerdictAgreement(top.Rating, (double)top.Count / counts.Sum(c => c.Count)) { Counts = counts };
    }
}
