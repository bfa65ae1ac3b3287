namespace FactCheck.Extraction;

/// <summary>What `factcheck extract` was asked to do.</summary>
/// <param name="Embedding">Score with the hybrid model (sentence embedding included) instead of the fast one.</param>
public sealed record ExtractRequest(string Input, bool All = false, bool Lines = false, bool Json = false, bool Embedding = false);

/// <summary>
/// The behaviour behind `factcheck extract` and `factcheck train`, kept here (not in the CLI
/// project) so it is tested with the engine. Exit codes: 0 success, 1 input that cannot be read,
/// 2 invalid usage. Errors are one line on the error writer, never a stack trace.
/// </summary>
public static class ExtractionCommandLine
{
    public const int Success = 0;
    public const int InputError = 1;
    public const int UsageError = 2;

    /// <summary>
    /// Extracts claims from a file (.txt, .md, .html, .pdf) or "-" for standard input. For text
    /// input (stdin and .txt) spans index into the input text as given; for the other formats
    /// into the plain text extracted from them.
    /// </summary>
    public static int Extract(ExtractRequest request, Stream standardInput, TextWriter output, TextWriter error, ClaimExtractor? extractor = null)
    {
        string text;
        try
        {
            text = ReadInput(request.Input, standardInput);
        }
        catch (DocumentReadException e)
        {
            error.WriteLine($"error: {e.Message}");
            return InputError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read \"{request.Input}\": {e.Message}");
            return InputError;
        }
        extractor ??= ClaimExtractor.Default;
        var sentences = request.Embedding ? extractor.ScoreSentencesWithEmbedding(text, SentenceEmbedder.Shared, request.Lines)
            : request.Lines ? extractor.ScoreLines(text) : extractor.ScoreSentences(text);
        var shown = request.All ? sentences : sentences.Where(s => s.CheckWorthy).ToList();
        output.Write(request.Json ? ClaimOutput.ToJson(shown) + Environment.NewLine : ClaimOutput.ToTable(shown));
        return Success;
    }

    /// <summary>Retrains the model from a ClaimBuster-format CSV, writes it, and prints cross-validation of model and baseline.</summary>
    /// <param name="embeddings">Also train the hybrid model with the packaged sentence-embedding model.</param>
    /// <param name="embeddingCache">Where to keep the training sentences' embeddings between runs (optional).</param>
    public static int Train(string dataPath, string outputPath, int folds, TextWriter output, TextWriter error, bool embeddings = false, string? embeddingCache = null)
    {
        if (folds is 1 or < 0)
        {
            error.WriteLine("error: --cv must be 0 (no cross-validation) or at least 2.");
            return UsageError;
        }
        if (!File.Exists(dataPath))
        {
            error.WriteLine($"error: \"{dataPath}\" does not exist.");
            return InputError;
        }
        try
        {
            var report = ModelTrainer.TrainToFile(dataPath, outputPath, folds, new TrainingOptions(),
                embeddings ? SentenceEmbedder.Shared : null, embeddingCache);
            output.Write(report.Format());
            output.WriteLine($"Model written to {Path.GetFullPath(outputPath)} ({new FileInfo(outputPath).Length:N0} bytes).");
            return Success;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            error.WriteLine($"error: {e.Message}");
            return InputError;
        }
    }

    private static string ReadInput(string input, Stream standardInput)
    {
        if (input == "-")
        {
            using var buffer = new MemoryStream();
            standardInput.CopyTo(buffer);
            return DocumentReader.DecodeText(buffer.ToArray(), "standard input");
        }
        if (!File.Exists(input))
            throw new DocumentReadException($"\"{input}\" does not exist.");
        var content = File.ReadAllBytes(input);
        return Path.GetExtension(input).ToLowerInvariant() is ".txt" or ".text" or ""
            ? DocumentReader.DecodeText(content, Path.GetFileName(input))
            : DocumentReader.Read(content, Path.GetFileName(input)).Text;
    }
}
