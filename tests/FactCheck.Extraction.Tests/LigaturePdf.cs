namespace FactCheck.Extraction.Tests;

/// <summary>Also compiled into FactCheck.Core.Tests (linked), where an imported PDF is searched.</summary>
internal static class LigaturePdf
{
    /// <summary>
    /// A one-page PDF whose text uses the fi and fl ligature glyphs, as typeset reports do: Helvetica with
    /// StandardEncoding, where bytes 0xAE and 0xAF are the glyphs "fi" and "fl" (PdfPig reads them as
    /// U+FB01 and U+FB02). PdfPig's builder cannot write them, so the file is written here, byte for byte
    /// the same on every run, with a correct cross-reference table.
    /// </summary>
    public static byte[] Build(string line = "The \\256nal toll of the \\257oods rose to 1,240 people, of\\256cials said on Friday.")
    {
        var content = $"BT /F1 12 Tf 50 780 Td ({line}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /StandardEncoding >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ];
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.Latin1.GetBytes(pdf.ToString());
    }
}
