using FactCheck.Core.Domain;

namespace FactCheck.Core.Review;

/// <summary>How far the reviewers agree: the most common rating and the share of verdicts that gave it.</summary>
public sealed record VerdictAgreement(Rating Majority, double Share)
{
    public static VerdictAgreement Of(IEnumerable<Rating> ratings)
    {
        var counts = ratings.GroupBy(r => r).Select(g => (Rating: g.Key, Count: g.Count())).ToList();
        if (counts.Count == 0) throw new ArgumentException("No verdicts to compare.", nameof(ratings));
        // Ties go to the harsher rating: a lead should look twice before publishing the kinder one.
        var top = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Rating == Rating.Unverifiable ? int.MaxValue : (int)c.Rating).First();
        return new VerdictAgreement(top.Rating, (double)top.Count / counts.Sum(c => c.Count));
    }
}
