using FactCheck.Core.Domain;

namespace FactCheck.Core.Review;

/// <summary>An action a lead applies to many claims at once (see <see cref="ReviewService.BulkAsync"/>).</summary>
public abstract record BulkAction
{
    public sealed record Assign(string ReviewerId, DateTimeOffset? DueAt = null) : BulkAction;
    public sealed record SetPriority(ClaimPriority Priority) : BulkAction;
    public sealed record SetDueDate(DateTimeOffset? DueAt) : BulkAction;
    public sealed record AddTags(IReadOnlyList<string> Tags) : BulkAction;
    public sealed record Dismiss(string? Reason) : BulkAction;
}
