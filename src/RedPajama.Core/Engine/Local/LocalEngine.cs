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
/// <item>Read: input files in parallel; each document goes through the first segment's per-document steps in the
/// reading task and, if kept, to a spill file of its input; its keyed entries go to one entry file per grouped step.</item>
/// <item>Grouped steps, one after the other (<see cref="GroupingPhase"/>): drops, links and edits per group.</item>
/// <item>Each later segment (<see cref="PipelineSegment"/>): a pass over the spill files that applies the verdicts,
/// runs the segment's per-document steps and writes the next spill and entry files; then its grouped steps.</item>
/// <item>Write: shards of consecutive inputs in parallel, one part file each (one per Hive partition the shard meets
/// when the pipeline is partitioned: <see cref="PartitionedDocumentWriter"/>), into a staging folder; then the
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

        // A file the reader splits (a multistream dump) is read as one input per range, on every core; parts named
        // after inputs need whole files.
        int files = inputs.Select(i => i.Path).Distinct(StringComparer.Ordinal).Count();
        if (!pipeline.NamesPartsAfterInputs)
        {
            inputs = InputSplitting.Split(inputs, pipeline.Reader, InputSplitting.LocalFile, _options.Warn);
        }

        // Checked before anything is read: a projection or partition field the schema lacks fails the run at once.
        OutputFields fields = pipeline.ResolveOutput();
        using OutputCommitter committer = OutputCommitter.Begin(outputDirectory, _options.Warn);
        using ScratchFolder? scratch = _options.TemporaryDirectory is null ? null : ScratchFolder.Create(_options.TemporaryDirectory, _options.Warn);
        string temporary = scratch?.Directory ?? committer.StagingDirectory;
        RunProgress progress = _options.Progress ?? new RunProgress();
        progress.InputsTotal = inputs.Count;
        var statistics = new RunStatistics
        {
            Source = pipeline.Source,
            Engine = "local",
            InputFiles = files,
            InputBytes = inputs.Sum(i => i.Length),
        };
        statistics.InputErrors.AddRange(inputProblems ?? []);

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Threads), CancellationToken = cancellationToken };
        IReadOnlyList<PipelineSegment> segments = pipeline.Segments;
        var run = new RunState(pipeline, fields, temporary);

        if (pipeline.NamesPartsAfterInputs)
        {
            InputPartNames.CheckDistinct(inputs, _options.Format);
        }

        // One part per input and nothing that needs the whole run first: each input is written while it is read,
        // with no spill file and no second pass (c4's reformat is read, one step, write).
        bool streaming = pipeline.NamesPartsAfterInputs && segments.Count == 1 && segments[0].GroupedSteps.Count == 0;

        // Pass 0 reads the inputs through the first segment's per-document steps; every later segment is a pass over
        // the previous pass's spill files that first applies what the previous segment's grouped steps decided.
        progress.Phase = DocumentStepRunner.ReadStepName;
        var outcomes = new InputOutcome[inputs.Count];
        var streamed = new WrittenShard[streaming ? inputs.Count : 0];
        await Parallel.ForEachAsync(inputs, parallel, async (input, token) =>
        {
            if (streaming)
            {
                (outcomes[input.Index], streamed[input.Index]) = await StreamInputAsync(run, segments[0], input, committer.StagingDirectory, progress, token).ConfigureAwait(false);
            }
            else
            {
                outcomes[input.Index] = ReadInput(run, segments[0], input, progress, token);
            }
        }).ConfigureAwait(false);

        run.AddStatistics(outcomes.Select(o => o.Steps));
        statistics.Read = run.Steps[0].In;
        foreach (InputOutcome outcome in outcomes)
        {
            if (outcome.Error is not null)
            {
                statistics.InputErrors.Add(outcome.Error);
            }
        }

        run.RecordsPerInput = [.. outcomes.Select(o => o.Records)];

        // A URL's size is known once it is downloaded: it counts in the statistics and in the shard plan from there.
        inputs = [.. inputs.Select(i => outcomes[i.Index].Bytes is { } bytes ? i with { Length = bytes } : i)];
        statistics.InputBytes = inputs.Sum(i => i.Length);
        try
        {
            if (streaming)
            {
                run.AddStatistics(streamed.Select(p => p.Steps));
                statistics.Steps.AddRange(run.Steps);
                statistics.Parts.AddRange(streamed.SelectMany(p => p.Parts));
                statistics.Written = streamed.Sum(p => p.Kept);
            }
            else
            {
                RunGroupedSteps(run, segments[0], inputs, progress);
                for (int s = 1; s < segments.Count; s++)
                {
                    PipelineSegment segment = segments[s];
                    progress.Phase = "pass:" + segment.DocumentSteps.Concat<IPipelineStep>(segment.GroupedSteps).First().Name;
                    var passStatistics = new StepStatistics[inputs.Count][];
                    await Parallel.ForEachAsync(inputs, parallel, (input, token) =>
                    {
                        passStatistics[input.Index] = PassOver(run, segment, input, progress, token);
                        return ValueTask.CompletedTask;
                    }).ConfigureAwait(false);

                    run.AddStatistics(passStatistics);
                    run.Pass = s;
                    run.Verdicts.ForEach(v => v.Edits?.Dispose());
                    run.Verdicts.Clear();
                    RunGroupedSteps(run, segment, inputs, progress);
                }

                progress.Phase = "write";
                IReadOnlyList<IReadOnlyList<InputFile>> shards = pipeline.NamesPartsAfterInputs
                    ? [.. inputs.Select(i => (IReadOnlyList<InputFile>)[i])]
                    : ShardPlanner.Plan(inputs, _options.ShardBytes);
                var parts = new WrittenShard[shards.Count];
                await Parallel.ForEachAsync(Enumerable.Range(0, shards.Count), parallel, async (s, token) =>
                {
                    parts[s] = await WriteShardAsync(run, s, shards[s], committer.StagingDirectory, progress, token).ConfigureAwait(false);
                }).ConfigureAwait(false);

                run.AddStatistics(parts.Select(p => p.Steps));
                statistics.Steps.AddRange(run.Steps);
                statistics.Parts.AddRange(parts.SelectMany(p => p.Parts));
                statistics.Written = parts.Sum(p => p.Kept);
            }
        }
        finally
        {
            run.Verdicts.ForEach(v => v.Edits?.Dispose());
        }

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

    // Decides a segment's grouped steps in order; a later step ignores the documents an earlier one dropped.
    private void RunGroupedSteps(RunState run, PipelineSegment segment, IReadOnlyList<InputFile> inputs, RunProgress progress)
    {
        var phase = new GroupingPhase(run.Temporary, _options.MemoryBytes);
        for (int g = 0; g < segment.GroupedSteps.Count; g++)
        {
            GroupedStep step = segment.GroupedSteps[g];
            int stepIndex = segment.FirstGroupedStep + g;
            progress.Phase = "group:" + step.Name;
            string[] entryFiles = [.. inputs.Select(i => EntryPath(run.Temporary, stepIndex, i.Index))];
            GroupingResult result = phase.Run(step, stepIndex, entryFiles, run.RecordsPerInput, [.. run.Verdicts.Select(v => v.Dropped)]);
            foreach (string file in entryFiles)
            {
                File.Delete(file);
            }

            run.Clusters = result.Components ?? run.Clusters;
            progress.AddDropped(result.Statistics.Dropped.Values.Sum());
            run.Steps[stepIndex + 1].Add(result.Statistics);
            run.Verdicts.Add(new SegmentVerdict(step, stepIndex, result.Dropped, result.Edits));
        }
    }

    private InputOutcome ReadInput(RunState run, PipelineSegment segment, InputFile input, RunProgress progress, CancellationToken cancellationToken)
    {
        StepStatistics[] steps = run.NewCounters();
        long records = 0;
        InputError? error = null;
        using var documents = new InputDocuments(run.Pipeline, input, cancellationToken);
        using (var output = new PassOutput(run, segment, input.Index, _options.SpillZstdLevel))
        {
            // Only the input's own failures (open, read, decompress, parse) skip the rest of it; a failure to
            // write spill or entry files is the run's and stops it.
            while (documents.TryMoveNext(out Document? document))
            {
                cancellationToken.ThrowIfCancellationRequested();
                records++;
                progress.AddRead(1);
                CountRead(steps[0], document);

                ApplyDocumentSteps(segment, document, steps, input);
                Keep(output, document, document.IsDropped, input, progress);
            }
        }

        if (documents.Failure is { } failure)
        {
            error = new InputError(input.Name, Describe(failure), records);
            _options.Warn?.Invoke($"skipped the rest of {input.Name}: {error.Error} ({records} records read before it are kept)");
        }

        long? downloaded = documents.Downloaded;
        progress.InputDone(downloaded ?? input.Length);
        return new InputOutcome(records, steps, error, downloaded);
    }

    // A pass of a later segment over one input's spill: the previous segment's verdicts, then this segment's steps.
    private StepStatistics[] PassOver(RunState run, PipelineSegment segment, InputFile input, RunProgress progress, CancellationToken cancellationToken)
    {
        StepStatistics[] steps = run.NewCounters();
        string previous = run.SpillPath(input.Index);
        IReadOnlyDictionary<long, List<GroupEdit>>?[] edits = [.. run.Verdicts.Select(v => v.Edits?.Take(input.Index))];
        using (var output = new PassOutput(run, segment, input.Index, _options.SpillZstdLevel))
        {
            foreach (Document document in SpillReader.Read(previous, input.Index, run.Pipeline.Meta.Count))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ApplyVerdicts(run, document, edits, steps, input, progress);
                bool droppedBefore = document.IsDropped;
                ApplyDocumentSteps(segment, document, steps, input);
                Keep(output, document, !droppedBefore && document.IsDropped, input, progress);
            }
        }

        File.Delete(previous);
        return steps;
    }

    // Writes a document to the pass's spill (a dropped one only in keep-all runs) and its entries for the segment's grouped steps.
    private void Keep(PassOutput output, Document document, bool newDrop, InputFile input, RunProgress progress)
    {
        if (document.IsDropped)
        {
            if (newDrop)
            {
                progress.AddDropped(1);
                LogDrop(input, document);
            }

            if (!_options.KeepAll)
            {
                return;
            }
        }
        else
        {
            output.WriteEntries(document);
        }

        output.Spill.Write(document);
    }

    // What the grouped steps of the previous segment decided for this document: a drop, or its edits applied.
    private void ApplyVerdicts(RunState run, Document document, IReadOnlyDictionary<long, List<GroupEdit>>?[] edits, StepStatistics[] steps, InputFile input, RunProgress progress)
    {
        for (int v = 0; v < run.Verdicts.Count && !document.IsDropped; v++)
        {
            SegmentVerdict verdict = run.Verdicts[v];
            if (verdict.Dropped.IsSet(input.Index, document.Order.Record))
            {
                document.Drop(verdict.Step.DropReason);
            }
            else if (edits[v] is { } byRecord
                && DocumentStepRunner.ApplyEdits(verdict.Step, document, EditsOf(byRecord, document.Order.Record), (step, exception) => WarnStepError(input, document, step, exception)))
            {
                // Counted by the grouping as kept; the edit dropped it.
                steps[verdict.StepIndex + 1].Kept--;
                steps[verdict.StepIndex + 1].AddDropped(document.DropReason!);
                progress.AddDropped(1);
                LogDrop(input, document);
            }
        }
    }

    private void ApplyDocumentSteps(PipelineSegment segment, Document document, StepStatistics[] steps, InputFile input)
    {
        int stoppedAt = DocumentStepRunner.Apply(segment.DocumentSteps, document, (step, exception) => WarnStepError(input, document, step, exception));

        // steps[i + 1] counts pipeline step i; a document dropped before the segment reaches none of its steps.
        for (int s = 0; s < segment.DocumentSteps.Count && s <= stoppedAt; s++)
        {
            StepStatistics counter = steps[segment.FirstStep + s + 1];
            counter.In++;
            if (s == stoppedAt && document.DropReason is { } reason)
            {
                counter.AddDropped(reason);
            }
            else
            {
                counter.Kept++;
            }
        }
    }

    private void WarnStepError(InputFile input, Document document, IPipelineStep step, Exception exception)
    {
        if (Interlocked.Increment(ref _stepErrorWarnings) <= MaxStepErrorWarnings)
        {
            _options.Warn?.Invoke($"{input.Name} record {document.Order.Record}: step {step.Name} failed: {Describe(exception)}");
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
            string where = document.Member is { } member ? $"file '{member}'"
                : document.Line is { } line ? $"line {line}" : $"record {document.Order.Record}";
            _options.Warn?.Invoke($"skipped {input.Name} {where}: {reason}{more}");
        }
    }

    private async Task<WrittenShard> WriteShardAsync(
        RunState run,
        int shard,
        IReadOnlyList<InputFile> inputs,
        string outputDirectory,
        RunProgress progress,
        CancellationToken cancellationToken)
    {
        long kept = 0;
        StepStatistics[] steps = run.NewCounters();
        RecordComponents? clusters = _options.KeepAll ? run.Clusters : null;
        await using PartitionedDocumentWriter writer = CreatePartWriter(run, shard, inputs, outputDirectory);
        foreach (InputFile input in inputs)
        {
            IReadOnlyDictionary<long, List<GroupEdit>>?[] edits = [.. run.Verdicts.Select(v => v.Edits?.Take(input.Index))];
            foreach (Document document in SpillReader.Read(run.SpillPath(input.Index), input.Index, run.Pipeline.Meta.Count))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ApplyVerdicts(run, document, edits, steps, input, progress);
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
        return new WrittenShard(writer.Parts, kept, steps);
    }

    // One part file per partition the shard's documents fall into (one file at the top when not partitioned), named
    // part-NNNNN or, for a pipeline that names parts after inputs, after the shard's one input.
    private PartitionedDocumentWriter CreatePartWriter(RunState run, int shard, IReadOnlyList<InputFile> inputs, string outputDirectory)
    {
        string name = run.Pipeline.NamesPartsAfterInputs
            ? InputPartNames.Of(inputs.Single().Path, _options.Format)
            : $"part-{shard:D5}{OutputFormats.Extension(_options.Format)}";
        long rowGroupBytes = Math.Clamp(_options.MemoryBytes / (4L * Math.Max(1, _options.Threads)), 4L << 20, 128L << 20);
        return new PartitionedDocumentWriter(_options.Format, outputDirectory, name, run.Pipeline, run.Fields, rowGroupBytes, _options.KeepAll, _options.MaxPartitions);
    }

    // Pass 0 and the write in one: an input read through the (only) segment's per-document steps straight into its part file.
    private async Task<(InputOutcome Outcome, WrittenShard Written)> StreamInputAsync(RunState run, PipelineSegment segment, InputFile input, string outputDirectory, RunProgress progress, CancellationToken cancellationToken)
    {
        StepStatistics[] steps = run.NewCounters();
        long records = 0;
        long kept = 0;
        InputError? error = null;
        await using PartitionedDocumentWriter writer = CreatePartWriter(run, input.Index, [input], outputDirectory);
        using (var documents = new InputDocuments(run.Pipeline, input, cancellationToken))
        {
            while (documents.TryMoveNext(out Document? document))
            {
                cancellationToken.ThrowIfCancellationRequested();
                records++;
                progress.AddRead(1);
                CountRead(steps[0], document);

                ApplyDocumentSteps(segment, document, steps, input);
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
                    kept++;
                    progress.AddWritten(1);
                }

                await writer.WriteAsync(document, cancellationToken).ConfigureAwait(false);
            }

            if (documents.Failure is { } failure)
            {
                error = new InputError(input.Name, Describe(failure), records);
                _options.Warn?.Invoke($"skipped the rest of {input.Name}: {error.Error} ({records} records read before it are kept)");
            }

            progress.InputDone(documents.Downloaded ?? input.Length);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            return (new InputOutcome(records, steps, error, documents.Downloaded), new WrittenShard(writer.Parts, kept, [.. run.NewCounters()]));
        }
    }

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

    private static string EntryPath(string temporary, int step, int input) => Path.Combine(temporary, $"entries-{step}-{input:D6}.bin");

    /// <summary>What writing one shard gave: its part files, the documents kept, and the counters of the verdicts it applied.</summary>
    private sealed record WrittenShard(IReadOnlyList<PartStatistics> Parts, long Kept, StepStatistics[] Steps);

    /// <summary>What reading one input gave; <paramref name="Bytes"/> is the size of a URL input as downloaded, else null.</summary>
    private sealed record InputOutcome(long Records, StepStatistics[] Steps, InputError? Error, long? Bytes);

    /// <summary>What one grouped step of the last segment decided, for the next pass to apply.</summary>
    private sealed record SegmentVerdict(GroupedStep Step, int StepIndex, DropMask Dropped, EditStore? Edits);

    /// <summary>The state a run carries from pass to pass.</summary>
    private sealed class RunState(PipelineDescription pipeline, OutputFields fields, string temporary)
    {
        public PipelineDescription Pipeline { get; } = pipeline;

        public OutputFields Fields { get; } = fields;

        public string Temporary { get; } = temporary;

        /// <summary>Counters of the reader (index 0) and of each pipeline step i (index i + 1).</summary>
        public StepStatistics[] Steps { get; } = NewCountersOf(pipeline);

        public IReadOnlyList<long> RecordsPerInput { get; set; } = [];

        /// <summary>The verdicts of the last segment's grouped steps, in step order.</summary>
        public List<SegmentVerdict> Verdicts { get; } = [];

        /// <summary>The components of the last grouped step that links documents (cluster ids in keep-all runs).</summary>
        public RecordComponents? Clusters { get; set; }

        /// <summary>Index of the pass whose spill files are current (the read pass is 0).</summary>
        public int Pass { get; set; }

        public StepStatistics[] NewCounters() => NewCountersOf(Pipeline);

        public string SpillPath(int input) => SpillPathOf(Pass, input);

        public string SpillPathOf(int pass, int input) => Path.Combine(Temporary, $"input-{input:D6}-{pass}.spill");

        public void AddStatistics(IEnumerable<StepStatistics[]> perWorker)
        {
            foreach (StepStatistics[] counters in perWorker)
            {
                for (int s = 0; s < Steps.Length; s++)
                {
                    Steps[s].Add(counters[s]);
                }
            }
        }

        private static StepStatistics[] NewCountersOf(PipelineDescription pipeline) =>
            [new StepStatistics(DocumentStepRunner.ReadStepName), .. pipeline.Steps.Select(step => new StepStatistics(step.Name))];
    }

    /// <summary>What one pass writes for one input: its spill file and the entries of the segment's grouped steps.</summary>
    private sealed class PassOutput : IDisposable
    {
        private readonly PipelineSegment _segment;
        private readonly GroupEntryWriter[] _entryWriters;
        private readonly GroupKeys _keys = new();

        public PassOutput(RunState run, PipelineSegment segment, int input, int zstdLevel)
        {
            _segment = segment;
            int pass = segment.FirstStep == 0 ? 0 : run.Pass + 1;
            _entryWriters = [.. segment.GroupedSteps.Select((_, g) => new GroupEntryWriter(EntryPath(run.Temporary, segment.FirstGroupedStep + g, input)))];
            Spill = new SpillWriter(run.SpillPathOf(pass, input), zstdLevel);
        }

        public SpillWriter Spill { get; }

        public void WriteEntries(Document document)
        {
            for (int g = 0; g < _entryWriters.Length; g++)
            {
                _keys.Clear();
                _segment.GroupedSteps[g].EmitKeys(document, _keys);
                for (int e = 0; e < _keys.Count; e++)
                {
                    _entryWriters[g].Write(_keys.Key(e), document.Order, e, _keys.Payload(e));
                }
            }
        }

        public void Dispose()
        {
            Spill.Dispose();
            foreach (GroupEntryWriter writer in _entryWriters)
            {
                writer.Dispose();
            }
        }
    }

    /// <summary>The documents of one input, with the input's own failure caught and kept instead of thrown.</summary>
    private sealed class InputDocuments(PipelineDescription pipeline, InputFile input, CancellationToken cancellationToken) : IDisposable
    {
        private Stream? _content;
        private IEnumerator<Document>? _documents;

        public Exception? Failure { get; private set; }

        /// <summary>Bytes downloaded, for an input read from a URL; null for a local file.</summary>
        public long? Downloaded => InputStreams.DownloadedBytes(_content);

        public bool TryMoveNext([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Document? document)
        {
            document = null;
            if (Failure is not null)
            {
                return false;
            }

            try
            {
                _content ??= InputStreams.OpenInput(input, pipeline.Downloads, cancellationToken);
                _documents ??= pipeline.Reader.Read(input, _content, pipeline.Meta).GetEnumerator();
                if (!_documents.MoveNext())
                {
                    // A plain .wet download given up part way ends like a complete file; the failure says it was not.
                    Failure = InputStreams.FailureOf(_content);
                    return false;
                }

                document = _documents.Current;
                return true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A download's failure outranks what the decompressor made of the early end it caused.
                Failure = InputStreams.FailureOf(_content) ?? exception;
                return false;
            }
        }

        public void Dispose()
        {
            _documents?.Dispose();
            _content?.Dispose();
        }
    }

    // A document's edits; the shared empty list for the many documents without any, so none is allocated per document.
    private static IReadOnlyList<GroupEdit> EditsOf(IReadOnlyDictionary<long, List<GroupEdit>> byRecord, long record) =>
        byRecord.TryGetValue(record, out List<GroupEdit>? edits) ? edits : Array.Empty<GroupEdit>();

    /// <summary>Counts a document the reader yielded: kept, or dropped with the reader's reason.</summary>
    private static void CountRead(StepStatistics read, Document document)
    {
        read.In++;
        if (document.DropReason is { } reason)
        {
            read.AddDropped(reason);
        }
        else
        {
            read.Kept++;
        }
    }
}
