namespace FactCheck.Core.Common;

/// <summary>The record asked for does not exist (or is not the caller's to see). The message is safe to show.</summary>
public sealed class NotFoundException(string message) : Exception(message);
