using System.ComponentModel.DataAnnotations;

namespace FactCheck.Core.Domain;

/// <summary>
/// A claim's sentence embedding in its stored form (388 bytes: int8 components and a scale, see
/// EmbeddingCodec), written by the background embedding pass. Kept in the database, not in one
/// instance's memory, so every instance matches claims imported through any other; a claim without a
/// row is one the pass has yet to reach.
/// </summary>
public sealed class ClaimEmbedding
{
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }
    public byte[] Vector { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A number a claim states with what it counts (killed, wounded, percent...), for cross-checks between claims.</summary>
public sealed class ClaimQuantity
{
    public int Id { get; set; }
    public int ClaimId { get; set; }
    public Claim? Claim { get; set; }
    public double Value { get; set; }
    [MaxLength(50)] public string Text { get; set; } = "";
    [MaxLength(50)] public string? Unit { get; set; }
    [MaxLength(50)] public string? Measure { get; set; }
    [MaxLength(100)] public string? Date { get; set; }
    [MaxLength(100)] public string? Place { get; set; }
}
