using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Documents;
using RedPajama.Steps;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Pipeline;

/// <summary>
/// The grouped-step contract on the local engine: edits with values (a Q&amp;A merge), drops, singletons, a
/// per-document step after a grouped step, CCNet's line dedup in <c>run documents</c>; the same output for any thread
/// count and memory budget.
/// </summary>
public sealed class GroupedStepTests
{
    private static readonly string[] s_posts =
    [
        """{"text": "How do I sort?", "qid": "1", "kind": "question"}""",
        """{"text": "Use sorted.", "qid": "1", "kind": "answer"}""",
        """{"text": "Why is the sky blue?", "qid": "2", "kind": "question"}""",
        """{"text": "Orphan answer here.", "qid": "3", "kind": "answer"}""",
        """{"text": "Or list.sort in place.", "qid": "1", "kind": "answer"}""",
    ];

    [Fact]
    public void Segments_cut_after_an_editing_grouped_step_and_before_a_document_step_that_follows_a_grouped_step()
    {
        var meta = new MetaSchema(new MetaField("words", MetaType.Integer));
        var drop = new DropEmptyStep();
        var exact = new ExactDedupStep();
        var lines = new CcnetLineDedupStep(meta, perInput: false);
        var count = new WordCountStep(meta);

        IReadOnlyList<PipelineSegment> segments = PipelineSegment.Split([drop, lines, count, exact, new ExactDedupStep(), count]);

        segments.Select(s => (s.FirstStep, s.DocumentSteps.Count, s.GroupedSteps.Count)).Should().Equal((0, 1, 1), (2, 1, 2), (5, 1, 0));
        PipelineSegment.Split([]).Should().ContainSingle().Which.GroupedSteps.Should().BeEmpty();
        PipelineSegment.Split([exact, lines]).Should().ContainSingle("drop-only grouped steps share a pass with the editing one after them");
        var extract = new RedPajama.Sources.Books.GutenbergCleanStep(requireMarkers: true);
        PipelineSegment.Split([extract, drop, exact]).Should().ContainSingle();
        FluentActions.Invoking(() => PipelineSegment.Split([drop, extract])).Should().Throw<ArgumentException>().WithMessage("*must come first*");
    }

    [Fact]
    public async Task A_merge_edits_the_question_drops_its_answers_and_a_later_step_sees_the_merged_text()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("posts.jsonl");
        File.WriteAllLines(input, s_posts);

        (RunStatistics statistics, string[] lines) = await RunMergeAsync(directory, input, new LocalEngineOptions { Format = OutputFormat.Jsonl, Threads = 1 });

        lines.Should().Equal(
            """{"text": "Q:How do I sort?\nA:Use sorted.\nA:Or list.sort in place.", "meta": {"qid": "1", "kind": "question", "words": 8}}""",
            """{"text": "Q:Why is the sky blue?", "meta": {"qid": "2", "kind": "question", "words": 5}}""",
            """{"text": "Orphan answer here.", "meta": {"qid": "3", "kind": "answer", "words": 3}}""");
        statistics.IsBalanced.Should().BeTrue();
        statistics.Dropped.Should().Equal(new Dictionary<string, long> { ["merged"] = 2 });
        StepStatistics merge = statistics.Steps.Single(s => s.Name == "qa_merge");
        (merge.In, merge.Kept).Should().Be((5L, 3L));
        StepStatistics words = statistics.Steps.Single(s => s.Name == "word_count");
        (words.In, words.Kept).Should().Be((3L, 3L), "the step after the merge sees only the survivors");
    }

    [Fact]
    public async Task Grouped_steps_give_the_same_bytes_for_any_thread_count_and_when_entries_spill_to_partitions()
    {
        using var directory = new TemporaryDirectory();
        string inputs = directory.Combine("in");
        Directory.CreateDirectory(inputs);
        var random = new Random(5);
        for (int file = 0; file < 4; file++)
        {
            File.WriteAllLines(Path.Combine(inputs, $"{file}.jsonl"), Enumerable.Range(0, 400).Select(i =>
            {
                int question = random.Next(150);
                bool isQuestion = random.Next(3) == 0;
                return $$"""{"text": "post {{file}}-{{i}} about {{question}}", "qid": "{{question}}", "kind": "{{(isQuestion ? "question" : "answer")}}"}""";
            }));
        }

        (RunStatistics one, string[] reference) = await RunMergeAsync(directory, inputs, new LocalEngineOptions { Format = OutputFormat.Jsonl, Threads = 1 });
        (RunStatistics spilled, string[] partitioned) = await RunMergeAsync(directory, inputs, new LocalEngineOptions { Format = OutputFormat.Jsonl, Threads = 2, MemoryBytes = 4096 });

        partitioned.Should().Equal(reference);
        spilled.ToJson().Should().Be(one.ToJson());
        one.Dropped["merged"].Should().BeGreaterThan(100);
    }

    [Fact]
    public async Task Ccnet_line_dedup_runs_in_run_documents_before_the_other_steps_in_run_or_input_scope()
    {
        using var directory = new TemporaryDirectory();
        string inputs = directory.Combine("in");
        Directory.CreateDirectory(inputs);
        File.WriteAllLines(Path.Combine(inputs, "a.jsonl"),
        [
            """{"text": "Welcome to our site!\nThe first article is about birds.\nCookie policy applies."}""",
            """{"text": "Welcome to our site!\nA second article, about fish.\nA second article, about fish.\nCookie POLICY applies."}""",
            """{"text": "Only here.\nOnly here."}""",
        ]);
        File.WriteAllLines(Path.Combine(inputs, "b.jsonl"),
        [
            """{"text": "Welcome to our site!\ncookie policy applies!"}""",
            """{"text": "same line\nother line"}""",
            """{"text": "same line\nother line"}""",
        ]);

        string[] run = await RunLinesAsync(directory, inputs, "run");
        run.Should().Equal(
            """{"text": "The first article is about birds.", "meta": {}}""",
            """{"text": "A second article, about fish.", "meta": {}}""",
            """{"text": "Only here.", "meta": {}}""",
            """{"text": "cookie policy applies!", "meta": {}}""");

        // Per input, "Welcome to our site!" is shared only inside a.jsonl, and b.jsonl's copies of one document empty both.
        string[] perInput = await RunLinesAsync(directory, inputs, "input");
        perInput.Should().Equal(
            """{"text": "The first article is about birds.", "meta": {}}""",
            """{"text": "A second article, about fish.", "meta": {}}""",
            """{"text": "Only here.", "meta": {}}""",
            """{"text": "Welcome to our site!\ncookie policy applies!", "meta": {}}""");
    }

    private static async Task<string[]> RunLinesAsync(TemporaryDirectory directory, string inputs, string scope)
    {
        var config = new RunConfig
        {
            LineDedup = new LineDedupConfig { Enabled = true, Scope = scope },
            Quality = new QualityConfig { Signals = false },
            Tokenizer = new TokenizerConfig { TokenCount = false },
        };
        PipelineDescription pipeline = SourceCatalog.Describe(DocumentsSource.SourceName, config);
        pipeline.Steps.Select(s => s.Name).Should().Equal("drop_empty", "line_dedup", "exact_dedup");
        InputResolution resolved = InputResolver.Resolve([inputs], DocumentsReader.Accepts);
        string output = directory.Combine("lines-" + scope);
        RunStatistics statistics = await new LocalEngine(new LocalEngineOptions { Format = OutputFormat.Jsonl }).RunAsync(pipeline, resolved.Files, output);
        statistics.IsBalanced.Should().BeTrue();
        statistics.Dropped.Should().Equal(new Dictionary<string, long> { ["no_line_left"] = 2 });
        return File.ReadAllLines(Path.Combine(output, "part-00000.jsonl"));
    }

    private static async Task<(RunStatistics Statistics, string[] Lines)> RunMergeAsync(TemporaryDirectory directory, string input, LocalEngineOptions options)
    {
        var meta = new MetaSchema(new MetaField("qid", MetaType.Text), new MetaField("kind", MetaType.Text), new MetaField("words", MetaType.Integer));
        var pipeline = new PipelineDescription("posts", meta, new DocumentsReader(ReadLimits.Default), [new QuestionMergeStep(meta), new WordCountStep(meta)], JsonLayout.TextThenMeta);
        InputResolution resolved = InputResolver.Resolve([input], DocumentsReader.Accepts);
        string output = directory.Combine("out-" + Guid.NewGuid().ToString("N"));
        RunStatistics statistics = await new LocalEngine(options).RunAsync(pipeline, resolved.Files, output);
        return (statistics, File.ReadAllLines(Path.Combine(output, "part-00000.jsonl")));
    }
}
