using RedPajama.Cli;
using RedPajama.Engine;
using RedPajama.Output;
using RedPajama.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Output;

public sealed class OutputPlacementTests
{
    [Fact]
    public async Task Output_equal_to_its_input_is_refused_and_the_input_is_untouched()
    {
        using var directory = new TemporaryDirectory();
        string data = directory.Combine("data");
        await CliRun.Invoke("run", "books", "--input", TestData.SampleBooks, "--output", data);
        SortedDictionary<string, string> before = OutputState.Of(data);

        (int code, _, string stderr) = await CliRun.Invoke("run", "documents", "--input", data, "--output", data);

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain($"the output directory '{data}' is the input '{data}'").And.NotContain("   at ");
        OutputState.Of(data).Should().Equal(before);
    }

    [Theory]
    [InlineData("data", "data/out", "inside the input")]
    [InlineData("data/**/*.parquet", "data/out", "inside the input")]
    [InlineData("data/*.parquet", "data", "is the input")]
    [InlineData("data/part-00000.parquet", "data", "inside the output directory")]
    [InlineData("data/sub", "data", "inside the output directory")]
    public void Overlapping_inputs_and_outputs_are_refused(string input, string output, string reason)
    {
        using var directory = new TemporaryDirectory();
        Directory.CreateDirectory(directory.Combine("data", "sub"));
        File.WriteAllText(directory.Combine("data", "part-00000.parquet"), "x");
        File.WriteAllText(directory.Combine("data", "sub", "a.jsonl"), "{}");
        string inputPath = directory.Combine(input);
        InputResolution files = InputResolver.Resolve([inputPath]);

        Action check = () => OutputPlacement.Check(directory.Combine(output), [inputPath], files.Files);

        check.Should().Throw<RunFailedException>().WithMessage($"*{reason}*nothing was written*");
    }

    [Theory]
    [InlineData("data/*.parquet", "data/out")]
    [InlineData("data", "data-out")]
    [InlineData("data/sub", "data/other")]
    public void Outputs_apart_from_the_inputs_are_accepted(string input, string output)
    {
        using var directory = new TemporaryDirectory();
        Directory.CreateDirectory(directory.Combine("data", "sub"));
        File.WriteAllText(directory.Combine("data", "part-00000.parquet"), "x");
        File.WriteAllText(directory.Combine("data", "sub", "a.jsonl"), "{}");
        string inputPath = directory.Combine(input);

        Action check = () => OutputPlacement.Check(directory.Combine(output), [inputPath], InputResolver.Resolve([inputPath]).Files);

        check.Should().NotThrow();
    }
}
