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
    public void Short_texts_have_one_feature_as_upstream()
    {
        // len(s) < 6: the single feature is s itself; equal short texts hash alike, whatever their punctuation.
        SimHasher.Fingerprint("A-b c!").Should().Be(SimHasher.Fingerprint("abc"));
    }

    private static IEnumerable<string> Chunk(string text, int width)
    {
        for (int i = 0; i < text.Length; i += width)
        {
            yield return text.Substring(i, Math.Min(width, text.Length - i));
        }
    }
}
