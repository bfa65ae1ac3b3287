using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.AspNetCore.Identity;

namespace FactCheck.Core.Domain;

public sealed class ApplicationUser : IdentityUser
{
    /// <summary>The name shown to colleagues and readers; falls back to the e-mail address.</summary>
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Notification kinds this user turned off in the app (none: every kind shows).</summary>
    public NotificationKind NotificationsInAppOff { get; set; }

    /// <summary>Notification kinds this user does not want by e-mail.</summary>
    public NotificationKind NotificationsByEmailOff { get; set; }

    public EmailFrequency EmailFrequency { get; set; }

    /// <summary>Light, dark or system; null until the user picks one (the browser cookie applies meanwhile).</summary>
    public ThemePreference? ThemePreference { get; set; }

    /// <summary>IANA time zone id (e.g. "Europe/Paris"): every date shown to this user is in it. Null until first known.</summary>
    [System.ComponentModel.DataAnnotations.MaxLength(64)] public string? TimeZone { get; set; }

    [NotMapped] public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Email ?? UserName ?? Id : DisplayName;
}
