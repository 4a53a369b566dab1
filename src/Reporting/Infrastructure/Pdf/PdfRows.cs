using System.Collections;

namespace Reporting.Infrastructure.Pdf;

/// <summary>
/// A table's rows made from a source only as the layout reaches each one: the layout keeps no more
/// than the rows on the page it is filling, so a table of 10,000 rows need not exist whole.
/// </summary>
public sealed class PdfRows<TSource>(IReadOnlyList<TSource> source, Func<TSource, IReadOnlyList<string>> cells) : IReadOnlyList<IReadOnlyList<string>>
{
    public int Count => source.Count;

    public IReadOnlyList<string> this[int index] => cells(source[index]);

    public IEnumerator<IReadOnlyList<string>> GetEnumerator() => source.Select(cells).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
