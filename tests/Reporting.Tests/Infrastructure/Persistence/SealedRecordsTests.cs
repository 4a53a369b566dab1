using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Persistence;
using Reporting.Infrastructure.Persistence.Records;

namespace Reporting.Tests.Infrastructure.Persistence;

/// <summary>
/// The sealed-record declaration covers every table that keeps a wrapped data key, so key rotation
/// and retirement (which read the declaration) cannot miss one. The index's sealed copy is the one
/// exception: it is not re-wrapped but deleted on rotation and retirement, and rebuilt.
/// </summary>
[TestFixture]
public sealed class SealedRecordsTests
{
    private static readonly Type[] DeletedInsteadOfRewrapped = [typeof(StoredIndexCopy)];

    [Test]
    public void EveryEntityWithAWrappedKeyIsDeclaredSealed_AndEveryDeclaredOneIsInTheModel()
    {
        using var db = new SqliteReportingDbContext(new DbContextOptionsBuilder<SqliteReportingDbContext>().UseSqlite("Data Source=:memory:").Options);
        var withWrappedKey = db.Model.GetEntityTypes()
            .Where(e => e.FindProperty("WrappedKey") is not null)
            .Select(e => e.ClrType)
            .Except(DeletedInsteadOfRewrapped)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var declared = SealedRecords.All.Select(k => k.Type).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(withWrappedKey, Is.EqualTo(declared), "a table with a wrapped key must implement ISealedRecord, so key rotation and retirement cover it");
            Assert.That(declared, Has.Count.GreaterThanOrEqualTo(3));
            Assert.That(SealedRecords.All.Select(k => k.Label), Is.Unique);
        });
    }

    [Test]
    public void EverySealedTableDeclaresItsKeyColumnsAsKeyMaterial()
    {
        using var db = new SqliteReportingDbContext(new DbContextOptionsBuilder<SqliteReportingDbContext>().UseSqlite("Data Source=:memory:").Options);
        foreach (var kind in SealedRecords.All)
        {
            var table = db.Model.FindEntityType(kind.Type)!.GetTableName()!;
            var columns = StoredColumns.Tables[table];
            Assert.Multiple(() =>
            {
                Assert.That(columns["KeyId"], Is.EqualTo(ColumnHolds.KeyMaterial), $"{table}.KeyId");
                Assert.That(columns["WrappedKey"], Is.EqualTo(ColumnHolds.KeyMaterial), $"{table}.WrappedKey");
            });
        }
    }
}
