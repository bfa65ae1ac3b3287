using System.Text;
using System.Text.Json;
using FactCheck.Extraction;
using Xunit;

namespace FactCheck.Extraction.Tests;

public sealed class ExtractionCommandLineTests
{
    private static (int ExitCode, string Output, string Error) Extract(ExtractRequest request, string standardInput = "")
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(standardInput));
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = ExtractionCommandLine.Extract(request, input, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Standard_input_claims_are_printed_as_json_with_spans_into_the_input()
    {
        const string input = "Attack on Hospitals\n\nAt least 22 hospitals have been destroyed, officials said. I think that is terrible.\n";

        var (exitCode, output, error) = Extract(new ExtractRequest("-", Json: true), input);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var claim = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(input.Substring(claim.GetProperty("start").GetInt32(), claim.GetProperty("length").GetInt32()), claim.GetProperty("text").GetString());
        Assert.Equal("officials", claim.GetProperty("attribution").GetString());
    }

    [Fact]
    public void All_prints_every_sentence_and_lines_keeps_lines_whole()
    {
        const string input = "One. Two.\nThree\n";

        var (_, all, _) = Extract(new ExtractRequest("-", All: true, Json: true), input);
        var (_, lines, _) = Extract(new ExtractRequest("-", All: true, Lines: true, Json: true), input);

        Assert.Equal(3, JsonDocument.Parse(all).RootElement.GetArrayLength());
        Assert.Equal(["One. Two.", "Three"], JsonDocument.Parse(lines).RootElement.EnumerateArray().Select(e => e.GetProperty("text").GetString()));
    }

    [Fact]
    public void Text_files_keep_offsets_into_the_file_text()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Documents", "seed-article.txt");
        var fileText = File.ReadAllText(path);

        var (exitCode, output, _) = Extract(new ExtractRequest(path, Json: true));

        Assert.Equal(0, exitCode);
        foreach (var claim in JsonDocument.Parse(output).RootElement.EnumerateArray())
            Assert.Equal(fileText.Substring(claim.GetProperty("start").GetInt32(), claim.GetProperty("length").GetInt32()), claim.GetProperty("text").GetString());
    }

    [Fact]
    public void Without_json_a_table_is_printed()
    {
        var (exitCode, output, _) = Extract(new ExtractRequest("-"), "Unemployment fell to 3.8 percent in 2024.");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("score  claim  kind", output, StringComparison.Ordinal);
        Assert.Contains("1 check-worthy of 1 shown.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_one_line_error_with_exit_code_1()
    {
        var (exitCode, output, error) = Extract(new ExtractRequest("/no/such/file.txt", Json: true));

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal("error: \"/no/such/file.txt\" does not exist.", error.Trim());
    }

    [Fact]
    public void Binary_standard_input_is_refused_without_a_stack_trace()
    {
        var (exitCode, _, error) = Extract(new ExtractRequest("-", Json: true), "\0\0\0binary");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_rejects_a_single_fold()
    {
        var error = new StringWriter();

        Assert.Equal(2, ExtractionCommandLine.Train("data.csv", "out.bin", 1, new StringWriter(), error));
        Assert.Contains("--cv", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_reports_a_missing_data_file()
    {
        var error = new StringWriter();

        Assert.Equal(1, ExtractionCommandLine.Train("/no/such/data.csv", "out.bin", 5, new StringWriter(), error));
        Assert.Contains("does not exist", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_prints_cross_validation_and_writes_the_model()
    {
        var directory = Directory.CreateTempSubdirectory("factcheck-cli");
        try
        {
            var data = Path.Combine(directory.FullName, "data.csv");
            File.WriteAllText(data, TrainingData.Csv());
            var model = Path.Combine(directory.FullName, "model.bin");
            var output = new StringWriter();

            Assert.Equal(0, ExtractionCommandLine.Train(data, model, 3, output, new StringWriter()));

            Assert.Contains("3-fold cross-validation", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("Model written to", output.ToString(), StringComparison.Ordinal);
            Assert.True(new FileInfo(model).Length > 0);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
