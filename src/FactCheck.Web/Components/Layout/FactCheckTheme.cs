using MudBlazor;

namespace FactCheck.Web.Components.Layout;

/// <summary>One theme for the workspace and the public site, so both look like one product.</summary>
public static class FactCheckTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#c2410c",
            AppbarBackground = "#1f4e79",
            Background = "#f6f7f9",
            DrawerBackground = "#ffffff",
            Success = "#2e7d32",
            Error = "#b3261e",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
