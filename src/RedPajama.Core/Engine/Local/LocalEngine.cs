using RedPajama.Documents;
using RedPajama.Output;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Writing;

namespace RedPajama.Engine.Local;

/// <summary>
/// The embedded engine: runs a <see cref="PipelineDescription"/> on one machine, on all cores, with memory bounded
/// by <see cref="LocalEngineOptions.MemoryBytes"/> rather than by input size.
/// <list type="number">
/// <item>Read: input files in parallel; each document goes through the per-document steps in the reading task and,
/// if kept, to a compressed spill file of its input; its keys go to key files.</item>
/// <item>Keyed steps, one after the other: first-by-order-key wins per key (<see cref="KeyedPhase"/>).</item>
/// <item>Write: shards of consecutive inputs in parallel, one part file each, into a staging folder; then the
/// <see cref="OutputCommitter"/> replaces the previous output with them, <c>_SUCCESS</c> last. A run that fails or
/// is killed leaves the previous output as it was.</item>
/// </list>
/// Output depends only on the input and settings other than thread count: same input, byte-identical files.
/// </summary>
/// <param name="options">Engine settings.</param>
public sealed class LocalEngine(LocalEngineOptions options)
{
    /// <summary>Name of the statistics file written next to the part files.</summary>
    public const string StatisticsFileName = OutputCommitter.StatisticsFileName;

    /// <summary>Name of the empty marker file written last, as Spark does.</summary>
    public const string SuccessFileName = OutputCommitter.SuccessFileName;

    private const int MaxStepErrorWarnings = 20;
    private const int LoggedDropsPerReason = 5;

    private readonly LocalEngineOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _loggedDrops = new(StringComparer.Ordinal);
    private int _stepErrorWarnings;

    /// <summary>Runs the pipeline.</summary>
    /// <param name="pipeline">What to run.</param>
    /// <param name="inputs">Input files, indexed in order.</param>
    /// <param name="outputDirectory">Where part files, <c>_stats.json</c> and <c>_SUCCESS</c> go.</param>
    /// <param name="inputProblems">Input arguments that named nothing, reported in the statistics.</param>
    /// <param name="cancellationToken">Stops the run; no part file is left under its final name.</param>
    /// <returns>The run's accounting, also written to <c>_stats.json</c>.</returns>
    public async Task<RunStatistics> RunAsync(
        PipelineDescription pipeline,
        IReadOnlyList<InputFile> inputs,
        string outputDirectory,
        IReadOnlyList<InputError>? inputProblems = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        OutputPlacement.Check(outputDirectory, [], inputs);
        using OutputCommitter committer = OutputCommitter.Begin(outputDirectory, _options.Warn);
        using ScratchFolder? scratch = _options.TemporaryDirectory is null ? null : ScratchFolder.Create(_options.TemporaryDirectory, _options.Warn);
        string temporary = scratch?.Directory ?? committer.StagingDirectory;
        RunProgress progress = _options.Progress ?? new RunProgress();
        progress.InputsTotal = inputs.Count;
        var statistics = new RunStatistics
        {
            Source = pipeline.Source,
            Engine = "local",
            InputFiles = inputs.Count,
            InputBytes = inputs.Sum(i => i.Length),
        };
        statistics.InputErrors.AddRange(inputProblems ?? []);

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Threads), CancellationToken = cancellationToken };

        progress.Phase = DocumentStepRunner.ReadStepName;
        var outcomes = new InputOutcome[inputs.Count];
        await Parallel.ForEachAsync(inputs, parallel, (input, token) =>
        {
            outcomes[input.Index] = ReadInput(pipeline, input, temporary, progress, token);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        StepStatistics[] documentSteps = MergeStepStatistics(pipeline, outcomes);
        statistics.Steps.AddRange(documentSteps);
        statistics.Read = documentSteps[0].In;
        foreach (InputOutcome outcome in outcomes)
        {
            if (outcome.Error is not null)
            {
                statistics.InputErrors.Add(outcome.Error);
            }
        }

        var masks = new List<DropMask>();
        RecordComponents? clusters = null;
        var phase = new KeyedPhase(temporary, _options.MemoryBytes);
        for (int k = 0; k < pipeline.KeyedSteps.Count; k++)
        {
            KeyedStep step = pipeline.KeyedSteps[k];
            progress.Phase = "keyed:" + step.Name;
            var mask = new DropMask(outcomes.Select(o => o.Records).ToArray());
            string[] keyFiles = inputs.Select(i => KeyPath(temporary, k, i.Index)).ToArray();
            StepStatistics keyed = phase.Run(step, k, keyFiles, mask, masks, out RecordComponents? components);
            clusters = components ?? clusters;
            progress.AddDropped(keyed.Dropped.Values.Sum());
            statistics.Steps.Add(keyed);
            masks.Add(mask);
        }

        progress.Phase = "write";
        IReadOnlyList<IReadOnlyList<InputFile>> shards = ShardPlanner.Plan(inputs, _options.ShardBytes);
        var parts = new (PartStatistics Part, long Kept)[shards.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, shards.Count), parallel, async (s, token) =>
        {
            parts[s] = await WriteShardAsync(pipeline, s, shards[s], committer.StagingDirectory, temporary, masks, _options.KeepAll ? clusters : null, progress, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        statistics.Parts.AddRange(parts.Select(p => p.Part));
        statistics.Written = parts.Sum(p => p.Kept);
        statistics.SumDropped();
        if (!statistics.IsBalanced)
        {
            throw new InvalidOperationException(
                $"accounting does not balance: read {statistics.Read} ≠ written {statistics.Written} + dropped {statistics.Dropped.Values.Sum()}");
        }

        WriteStatistics(committer.StagingDirectory, statistics);
        cancellationToken.ThrowIfCancellationRequested();
        progress.Phase = "commit";
        committer.Commit([.. statistics.Parts.Select(p => p.File), StatisticsFileName]);
        progress.Phase = "done";
        return statistics;
    }

    private InputOutcome ReadInput(PipelineDescription pipeline, InputFile input, string temporary, RunProgress progress, CancellationToken cancellationToken)
    {
        StepStatistics[] steps = NewDocumentStepCounters(pipeline);
        long records = 0;
        InputError? error = null;
        var keyWriters = new BinaryWriter[pipeline.KeyedSteps.Count];
        var keys = new UInt128[pipeline.KeyedSteps.Count == 0 ? 0 : pipeline.KeyedSteps.Max(s => s.KeysPerDocument)];
        for (int k = 0; k < keyWriters.Length; k++)
        {
            keyWriters[k] = new BinaryWriter(new FileStream(KeyPath(temporary, k, input.Index), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 14));
        }

        try
        {
            using var spill = new SpillWriter(SpillPath(temporary, input.Index), _options.SpillZstdLevel);
            using var documents = new InputDocuments(pipeline, input);
            // Only the input's own failures (open, read, decompress, parse) skip the rest of it; a failure to
            // write spill or key files is the run's and stops it.
            while (documents.TryMoveNext(out Document? document))
            {
                cancellationToken.ThrowIfCancellationRequested();
                records++;
                progress.AddRead(1);
                ApplyDocumentSteps(pipeline, document, steps, input);
                if (document.IsDropped)
                {
                    progress.AddDropped(1);
                    LogDrop(input, document);
                    if (!_options.KeepAll)
                    {
                        continue;
                    }
                }
                else
                {
                    WriteKeys(pipeline, document, keyWriters, keys);
                }

                spill.Write(document);
            }

            if (documents.Failure is { } failure)
            {
                error = new InputError(input.Path, Describe(failure), records);
                _options.Warn?.Invoke($"skipped the rest of {input.Path}: {error.Error} ({records} records read before it are kept)");
            }
        }
        finally
        {
            foreach (BinaryWriter writer in keyWriters)
            {
                writer.Dispose();
            }
        }

        progress.InputDone(input.Length);
        return new InputOutcome(records, steps, error);
    }

    private void ApplyDocumentSteps(PipelineDescription pipeline, Document document, StepStatistics[] steps, InputFile input)
    {
        int stoppedAt = DocumentStepRunner.Apply(pipeline.DocumentSteps, document, (step, exception) =>
        {
            if (Interlocked.Increment(ref _stepErrorWarnings) <= MaxStepErrorWarnings)
            {
                _options.Warn?.Invoke($"{input.Path} record {document.Order.Record}: step {step.Name} failed: {Describe(exception)}");
            }
        });

        // steps[0] counts the reader, steps[s + 1] the per-document step s.
        int last = Math.Min(stoppedAt + 1, steps.Length - 1);
        for (int s = 0; s <= last; s++)
        {
            steps[s].In++;
            if (s == stoppedAt + 1 && document.DropReason is { } reason)
            {
                steps[s].AddDropped(reason);
            }
            else
            {
                steps[s].Kept++;
            }
        }
    }

    // The first few documents dropped for each reason are named in the log, so a skip can be found in its file;
    // all of them are counted in _stats.json.
    private void LogDrop(InputFile input, Document document)
    {
        string reason = document.DropReason!;
        int seen = _loggedDrops.AddOrUpdate(reason, 1, static (_, count) => count + 1);
        if (seen <= LoggedDropsPerReason)
        {
            string more = seen == LoggedDropsPerReason ? " (further drops for this reason are only counted)" : string.Empty;
            _options.Warn?.Invoke($"skipped {input.Path} record {document.Order.Record}: {reason}{more}");
        }
    }

    private static void WriteKeys(PipelineDescription pipeline, Document document, BinaryWriter[] keyWriters, UInt128[] keys)
    {
        for (int k = 0; k < keyWriters.Length; k++)
        {
            KeyedStep step = pipeline.KeyedSteps[k];
            int count = step.KeysOf(document, keys.AsSpan(0, step.KeysPerDocument));
            for (int i = 0; i < count; i++)
            {
                new KeyEntry(keys[i], document.Order).WriteTo(keyWriters[k]);
            }
        }
    }

    private async Task<(PartStatistics Part, long Kept)> WriteShardAsync(
        PipelineDescription pipeline,
        int shard,
        IReadOnlyList<InputFile> inputs,
        string outputDirectory,
        string temporary,
        List<DropMask> masks,
        RecordComponents? clusters,
        RunProgress progress,
        CancellationToken cancellationToken)
    {
        string name = $"part-{shard:D5}{OutputFormats.Extension(_options.Format)}";
        long rowGroupBytes = Math.Clamp(_options.MemoryBytes / (4L * Math.Max(1, _options.Threads)), 4L << 20, 128L << 20);
        long kept = 0;
        await using IDocumentWriter writer = DocumentWriters.Create(_options.Format, Path.Combine(outputDirectory, name), pipeline, rowGroupBytes, _options.KeepAll);
        foreach (InputFile input in inputs)
        {
            foreach (Document document in SpillReader.Read(SpillPath(temporary, input.Index), input.Index, pipeline.Meta.Count))
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (int k = 0; k < masks.Count && !document.IsDropped; k++)
                {
                    if (masks[k].IsSet(input.Index, document.Order.Record))
                    {
                        document.Drop(pipeline.KeyedSteps[k].DropReason);
                    }
                }

                if (document.IsDropped && !_options.KeepAll)
                {
                    continue;
                }

                document.ClusterId = clusters?.ClusterOf(input.Index, document.Order.Record);

                if (!document.IsDropped)
                {
                    kept++;
                    progress.AddWritten(1);
                }

                await writer.WriteAsync(document, cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return (new PartStatistics(name, writer.Rows), kept);
    }

    private static StepStatistics[] MergeStepStatistics(PipelineDescription pipeline, InputOutcome[] outcomes)
    {
        StepStatistics[] merged = NewDocumentStepCounters(pipeline);
        foreach (InputOutcome outcome in outcomes)
        {
            for (int s = 0; s < merged.Length; s++)
            {
                merged[s].Add(outcome.Steps[s]);
            }
        }

        return merged;
    }

    // Counters for the reader (index 0) and each per-document step (index s + 1).
    private static StepStatistics[] NewDocumentStepCounters(PipelineDescription pipeline) =>
        [new StepStatistics(DocumentStepRunner.ReadStepName), .. pipeline.DocumentSteps.Select(step => new StepStatistics(step.Name))];

    private static void WriteStatistics(string outputDirectory, RunStatistics statistics)
    {
        using var file = new AtomicFile(Path.Combine(outputDirectory, StatisticsFileName));
        using (var writer = new StreamWriter(file.Stream, leaveOpen: true))
        {
            writer.Write(statistics.ToJson());
        }

        file.Commit();
    }

    private static string Describe(Exception exception) => InputError.Describe(exception);

    private static string SpillPath(string temporary, int input) => Path.Combine(temporary, $"input-{input:D6}.spill");

    private static string KeyPath(string temporary, int step, int input) => Path.Combine(temporary, $"keys-{step}-{input:D6}.bin");

    private sealed record InputOutcome(long Records, StepStatistics[] Steps, InputError? Error);

    /// <summary>The documents of one input, with the input's own failure caught and kept instead of thrown.</summary>
    private sealed class InputDocuments(PipelineDescription pipeline, InputFile input) : IDisposable
    {
        private FileStream? _content;
        private IEnumerator<Document>? _documents;

        public Exception? Failure { get; private set; }

        public bool TryMoveNext([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Document? document)
        {
            document = null;
            if (Failure is not null)
            {
                return false;
            }

            try
            {
                _content ??= InputStreams.OpenRaw(input.Path);
                _documents ??= pipeline.Reader.Read(input, _content, pipeline.Meta).GetEnumerator();
                if (!_documents.MoveNext())
                {
                    return false;
                }

                document = _documents.Current;
                return true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Failure = exception;
                return false;
            }
        }

        public void Dispose()
        {
            _documents?.Dispose();
            _content?.Dispose();
        }
    }
}
