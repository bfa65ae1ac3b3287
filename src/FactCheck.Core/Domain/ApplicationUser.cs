using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.AspNetCore.Identity;

namespace FactCheck.Core.Domain;

public sealed class ApplicationUser : IdentityUser
{
    /// <summary>The name shown to colleagues and readers; falls back to the e-mail address.</summary>
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    [NotMapped] public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Email ?? UserName ?? Id : DisplayName;
}
