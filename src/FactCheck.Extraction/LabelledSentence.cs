namespace FactCheck.Extraction;

/// <summary>A training sentence: check-worthy (ClaimBuster verdict 1, CFS) or not (0 UFS, -1 NFS).</summary>
public sealed record LabelledSentence(string Text, bool CheckWorthy);
