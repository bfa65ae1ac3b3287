using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace FactCheck.Web.Components.Layout;

/// <summary>One theme for the workspace and the public site, so both look like one product.</summary>
/// <remarks>
/// Both palettes are chosen for WCAG AA contrast (4.5:1 for text) against their backgrounds; the
/// accessibility test (tests/FactCheck.E2E/AccessibilityTests.cs) checks every main page in both.
/// </remarks>
public static class FactCheckTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#b23c0a",
            Info = "#0b5cad",
            Warning = "#8a5300",
            AppbarBackground = "#1f4e79",
            Background = "#f6f7f9",
            DrawerBackground = "#ffffff",
            Success = "#2e7d32",
            Error = "#b3261e",
            TextSecondary = "#4f5660",
            TextDisabled = "#5f6368",
            ActionDisabled = "#6b7178",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            PrimaryContrastText = "#0b1b2b",
            Secondary = "#fdba74",
            SecondaryContrastText = "#1a1208",
            Tertiary = "#80cbc4",
            Info = "#8ab4f8",
            InfoContrastText = "#0b1b2b",
            Success = "#81c995",
            SuccessContrastText = "#0b1f10",
            Warning = "#fdd663",
            WarningContrastText = "#1f1700",
            Error = "#f28b82",
            ErrorContrastText = "#2a0b08",
            Dark = "#c4c7cc",
            AppbarBackground = "#10263d",
            AppbarText = "#e8eaed",
            Background = "#121417",
            BackgroundGray = "#1c1f24",
            Surface = "#1c1f24",
            DrawerBackground = "#181b20",
            DrawerText = "#e8eaed",
            DrawerIcon = "#c4c7cc",
            TextPrimary = "#e8eaed",
            TextSecondary = "#b9bec6",
            TextDisabled = "#9aa0a6",
            ActionDefault = "#c4c7cc",
            ActionDisabled = "#9aa0a6",
            ActionDisabledBackground = "#2d3138",
            LinesDefault = "#3c4043",
            LinesInputs = "#80868b",
            TableLines = "#3c4043",
            Divider = "#3c4043",
            OverlayLight = "rgba(18,20,23,0.5)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}

/// <summary>The colour scheme a visitor chose: the system's (default), light or dark; kept in a cookie.</summary>
public enum ColorSchemeChoice { System, Light, Dark }

/// <summary>
/// The dark palette as CSS, so dark mode works the same on static public pages (no circuit, no
/// JavaScript) and in the workspace: MudThemeProvider always writes the light variables, and this
/// style, placed in the page head with a more specific selector (html:root), overrides them, either
/// always (the visitor chose dark) or inside @media (prefers-color-scheme: dark) (the default).
/// The CSS is MudBlazor's own output for the dark palette, rendered once with an HtmlRenderer.
/// </summary>
public sealed partial class ColorSchemeStyles(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public const string CookieName = "fc-scheme";
    private string? darkVariables;

    public static ColorSchemeChoice Parse(string? cookie) =>
        Enum.TryParse<ColorSchemeChoice>(cookie, ignoreCase: true, out var choice) ? choice : ColorSchemeChoice.System;

    /// <summary>The style block for a choice: empty for light, the dark variables (always or by media query) otherwise.</summary>
    public async Task<string> CssForAsync(ColorSchemeChoice choice)
    {
        if (choice == ColorSchemeChoice.Light) return "";
        var dark = await DarkVariablesAsync();
        return choice == ColorSchemeChoice.Dark ? dark : $"@media (prefers-color-scheme: dark) {{ {dark} }}";
    }

    private async Task<string> DarkVariablesAsync()
    {
        if (darkVariables is not null) return darkVariables;
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = FactCheckTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = true,
            }));
            return output.ToHtmlString();
        });
        var rules = string.Join("\n", StyleContent().Matches(html).Select(m => m.Groups[1].Value).Where(css => css.Contains("--mud-palette-")));
        // html:root beats the :root of MudThemeProvider's light style, which comes later in the page.
        darkVariables = rules.Replace(":root", "html:root") + "\n" + AppDarkVariables;
        return darkVariables;
    }

    /// <summary>FactCheck's own colours (wwwroot/css/app.css) for the dark scheme.</summary>
    private const string AppDarkVariables = """
        html:root {
            color-scheme: dark;
            --fc-true: #2e7d32; --fc-mostlytrue: #33691e; --fc-mixed: #8a5300; --fc-misleading: #b23c0a;
            --fc-false: #b3261e; --fc-unverifiable: #5f6368;
            --fc-true-text: #81c995; --fc-false-text: #f28b82; --fc-neutral-text: #c4c7cc;
            --fc-highlight: #4a3f12; --fc-highlight-hover: #5e5016; --fc-highlight-border: #c9a227; --fc-highlight-selected: #6b5a10;
            --fc-muted-text: #c4c7cc; --fc-subtle-bg: #24282e; --fc-answer-bg: #1f2733; --fc-border: #4a5058;
            --fc-tag-bg: #24324a; --fc-tag-text: #c6dafc; --fc-input-bg: #1c1f24; --fc-overdue-bg: #3a1f1c;
            --fc-status-new-bg: #2d3138; --fc-status-new-fg: #e8eaed;
            --fc-status-assigned-bg: #1c3557; --fc-status-assigned-fg: #c6dafc;
            --fc-status-inreview-bg: #4a3a0c; --fc-status-inreview-fg: #fde293;
            --fc-status-awaitingdecision-bg: #4e2a12; --fc-status-awaitingdecision-fg: #fed7aa;
            --fc-status-published-bg: #1c3a24; --fc-status-published-fg: #b7e1c0;
            --fc-status-dismissed-bg: #2d3138; --fc-status-dismissed-fg: #c4c7cc;
            --fc-request-new-bg: #1c3557; --fc-request-new-fg: #c6dafc; --fc-request-accepted-bg: #1c3a24; --fc-request-accepted-fg: #b7e1c0;
        }
        """;

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleContent();
}
