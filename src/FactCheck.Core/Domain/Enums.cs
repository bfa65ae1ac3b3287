namespace FactCheck.Core.Domain;

public enum ClaimStatus
{
    New = 0,
    Assigned = 1,
    InReview = 2,
    AwaitingDecision = 3,
    Published = 4,
    Dismissed = 5,
}

/// <summary>
/// Who made a claim, for ClaimReview's itemReviewed.author @type: inferred from the attribution's
/// words (ClaimantKind.Guess) until a lead says which it is.
/// </summary>
public enum ClaimantType
{
    Inferred = 0,
    Person = 1,
    Organization = 2,
}

public enum ClaimPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}

/// <summary>Ratings; the numeric value is the ClaimReview ratingValue (worst 1, best 5), 0 for none.</summary>
public enum Rating
{
    Unverifiable = 0,
    False = 1,
    Misleading = 2,
    Mixed = 3,
    MostlyTrue = 4,
    True = 5,
}

public enum SourceStance
{
    Supports = 0,
    Refutes = 1,
    Context = 2,
}

public static class RatingExtensions
{
    public static string Label(this Rating rating) => rating switch
    {
        Rating.True => "True",
        Rating.MostlyTrue => "Mostly true",
        Rating.Mixed => "Mixed",
        Rating.Misleading => "Misleading",
        Rating.False => "False",
        _ => "Unverifiable",
    };

    /// <summary>The ClaimReview ratingValue; Unverifiable has none (alternateName only).</summary>
    public static int? RatingValue(this Rating rating) => rating == Rating.Unverifiable ? null : (int)rating;

    public static string Label(this ClaimStatus status) => status switch
    {
        ClaimStatus.InReview => "In review",
        ClaimStatus.AwaitingDecision => "Awaiting decision",
        _ => status.ToString(),
    };

    public static string Label(this SourceStance stance) => stance.ToString();
}
