using RedPajama.Tests.Support;
using RedPajama.Udfs.Dedup;

namespace RedPajama.Tests.Dedup;

/// <summary>RedPajama's book SimHash: a re-edited copy of a book is a near-duplicate, a different book is not.</summary>
public sealed class SimHashTests
{
    [Fact]
    public void A_book_with_another_header_rewrapped_lines_and_small_edits_is_a_near_duplicate()
    {
        string book = File.ReadAllText(TestData.Book("pg1661.txt"));
        string body = book[(book.IndexOf("*** START", StringComparison.Ordinal) + 200)..];
        string rewrapped = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Replace("Holmes", "Holmes,", StringComparison.Ordinal)[..(body.Length * 97 / 100)];
        string copy = "Produced by another volunteer for another archive, 2024 edition.\n\n" + string.Join('\n', Chunk(rewrapped, 60));

        SimHasher.Distance(SimHasher.Fingerprint(book), SimHasher.Fingerprint(copy)).Should().BeLessThanOrEqualTo(SimHasher.MaxDistance);
    }

    [Fact]
    public void MinHash_finds_the_same_re_edited_book_and_keeps_different_books_apart()
    {
        string book = File.ReadAllText(TestData.Book("pg1661.txt"));
        string body = book[(book.IndexOf("*** START", StringComparison.Ordinal) + 200)..];
        string copy = "Produced by another volunteer for another archive, 2024 edition.\n\n" +
            string.Join('\n', Chunk(string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("Holmes", "Holmes,", StringComparison.Ordinal), 60));
        string[] books = [book, File.ReadAllText(TestData.Book("pg1342.txt")), copy, File.ReadAllText(TestData.Book("11-0.txt"))];
        var hasher = new MinHasher();

        int[] clusters = StepGroups.Clusters(new RedPajama.Steps.NearDedupStep(hasher, LshParameters.Optimal(0.8, 128)), books);

        clusters.Should().Equal(0, 1, 0, 3);
    }

    [Fact]
    public void Different_books_are_far_apart_and_the_earliest_of_a_pair_is_kept()
    {
        ulong holmes = SimHasher.Fingerprint(File.ReadAllText(TestData.Book("pg1661.txt")));
        ulong pride = SimHasher.Fingerprint(File.ReadAllText(TestData.Book("pg1342.txt")));
        ulong alice = SimHasher.Fingerprint(File.ReadAllText(TestData.Book("11-0.txt")));

        SimHasher.Distance(holmes, pride).Should().BeGreaterThan(SimHasher.MaxDistance);
        SimHasher.Distance(pride, alice).Should().BeGreaterThan(SimHasher.MaxDistance);
        SimHasher.EarliestDuplicates([holmes, pride, holmes ^ 0b101, alice]).Should().Equal(-1, -1, 0, -1);
    }

    [Fact]
    public void Two_books_by_the_same_author_stay_apart_for_simhash_and_minhash()
    {
        // Pride and Prejudice and the first chapters of Emma: both Jane Austen, same period, names and style.
        string pride = RedPajama.Udfs.Books.GutenbergCleaner.Clean(File.ReadAllBytes(TestData.Book("pg1342.txt"))).Text;
        using var compressed = new System.IO.Compression.GZipStream(File.OpenRead(TestData.Fixture("books/austen-emma-chapters.txt.gz")), System.IO.Compression.CompressionMode.Decompress);
        string emma = new StreamReader(compressed).ReadToEnd();
        var hasher = new MinHasher();

        SimHasher.Distance(SimHasher.Fingerprint(pride), SimHasher.Fingerprint(emma)).Should().BeGreaterThan(SimHasher.MaxDistance);
        SimHasher.EarliestDuplicates([SimHasher.Fingerprint(pride), SimHasher.Fingerprint(emma)]).Should().Equal(-1, -1);
        MinHasher.EstimatedSimilarity(hasher.Signature(pride), hasher.Signature(emma)).Should().BeLessThan(0.05);
        StepGroups.Clusters(new RedPajama.Steps.NearDedupStep(hasher, LshParameters.Optimal(0.8, 128)), [pride, emma]).Should().Equal(0, 1);
    }

    [Fact]
    public void Short_texts_have_one_feature_as_upstream()
    {
        // len(s) < 6: the single feature is s itself; equal short texts hash alike, whatever their punctuation.
        SimHasher.Fingerprint("A-b c!").Should().Be(SimHasher.Fingerprint("abc"));
    }

    /// <summary>Re-wraps text at word boundaries to lines of at most <paramref name="width"/> characters.</summary>
    private static IEnumerable<string> Chunk(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        yield return line.ToString();
    }
}
