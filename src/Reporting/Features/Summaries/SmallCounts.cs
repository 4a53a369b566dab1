using System.Globalization;

namespace Reporting.Features.Summaries;

/// <summary>
/// Small-count protection for the shareable PDF: every count from 1 to SuppressBelow − 1 is printed
/// as "&lt;3". Where a suppressed count could be worked out from a total and the other cells (exactly
/// one hidden cell in a row or column that sums to a shown total), the smallest other non-zero
/// cell is hidden too and printed as "x". The internal variant prints every number.
/// </summary>
public sealed class SmallCounts(int suppressBelow, bool suppress)
{
    public const string Complementary = "x";

    public bool Suppresses => suppress && suppressBelow > 1;

    public string Small => $"<{suppressBelow}";

    public bool IsSmall(int count) => Suppresses && count > 0 && count < suppressBelow;

    public string Format(int count) => IsSmall(count) ? Small : Number(count);

    /// <summary>Cells of one list whose sum is the shown total (a single-valued field); the total is formatted last.</summary>
    public IReadOnlyList<string> FormatColumn(IReadOnlyList<int> values, bool sumsToTotal)
    {
        var grid = new int[values.Count, 1];
        for (var i = 0; i < values.Count; i++)
        {
            grid[i, 0] = values[i];
        }

        var hidden = Protect(grid, rowsSum: false, columnsSum: sumsToTotal);
        return [.. values.Select((v, i) => Cell(v, hidden[i, 0]))];
    }

    /// <summary>A grid whose rows and columns both sum to shown totals (environment × month).</summary>
    public string[,] FormatGrid(int[,] grid)
    {
        var hidden = Protect(grid, rowsSum: true, columnsSum: true);
        var result = new string[grid.GetLength(0), grid.GetLength(1)];
        for (var r = 0; r < grid.GetLength(0); r++)
        {
            for (var c = 0; c < grid.GetLength(1); c++)
            {
                result[r, c] = Cell(grid[r, c], hidden[r, c]);
            }
        }

        return result;
    }

    public static string Number(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("sv-SE"));

    private string Cell(int value, bool hidden) => IsSmall(value) ? Small : hidden ? Complementary : Number(value);

    private bool[,] Protect(int[,] grid, bool rowsSum, bool columnsSum)
    {
        var rows = grid.GetLength(0);
        var columns = grid.GetLength(1);
        var hidden = new bool[rows, columns];
        if (!Suppresses)
        {
            return hidden;
        }

        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                hidden[r, c] = IsSmall(grid[r, c]);
            }
        }

        // Repeat until no line has exactly one hidden cell: hiding one cell can expose another line.
        for (var changed = true; changed;)
        {
            changed = false;
            if (columnsSum)
            {
                for (var c = 0; c < columns; c++)
                {
                    changed |= HideSecond(Enumerable.Range(0, rows).Select(r => (r, c)).ToList(), grid, hidden);
                }
            }

            if (rowsSum)
            {
                for (var r = 0; r < rows; r++)
                {
                    changed |= HideSecond(Enumerable.Range(0, columns).Select(c => (r, c)).ToList(), grid, hidden);
                }
            }
        }

        return hidden;
    }

    private static bool HideSecond(List<(int R, int C)> line, int[,] grid, bool[,] hidden)
    {
        if (line.Count(p => hidden[p.R, p.C]) != 1)
        {
            return false;
        }

        var candidates = line.Where(p => !hidden[p.R, p.C] && grid[p.R, p.C] > 0).OrderBy(p => grid[p.R, p.C]).ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        hidden[candidates[0].R, candidates[0].C] = true;
        return true;
    }
}
