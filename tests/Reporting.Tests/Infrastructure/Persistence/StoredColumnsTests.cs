using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Reporting.Infrastructure.Persistence;

namespace Reporting.Tests.Infrastructure.Persistence;

/// <summary>
/// The registry of what each column may hold names exactly the model's tables and columns, so a
/// feature that adds one must decide what it holds; and what it declares agrees with the model's types.
/// </summary>
[TestFixture]
public sealed class StoredColumnsTests
{
    private static IModel Model()
    {
        using var db = new SqliteReportingDbContext(new DbContextOptionsBuilder<SqliteReportingDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model;
    }

    private static Dictionary<(string Table, string Column), IProperty> ModelColumns()
    {
        var columns = new Dictionary<(string, string), IProperty>();
        foreach (var entity in Model().GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(table) is { } column)
                {
                    columns[(table.Name, column)] = property;
                }
            }
        }

        return columns;
    }

    [Test]
    public void EveryColumnOfTheModelIsDeclared_AndNothingElse()
    {
        var model = ModelColumns().Keys.Select(k => $"{k.Table}.{k.Column}").Order(StringComparer.Ordinal).ToList();
        var declared = StoredColumns.Tables.SelectMany(t => t.Value.Keys.Select(c => $"{t.Key}.{c}")).Order(StringComparer.Ordinal).ToList();

        Assert.That(model.Except(declared), Is.Empty, "columns the registry does not name: declare in StoredColumns what each may hold");
        Assert.That(declared.Except(model), Is.Empty, "declared columns the model does not have");
    }

    [Test]
    public void WhatIsDeclaredAgreesWithTheColumnsType()
    {
        var columns = ModelColumns();
        Assert.Multiple(() =>
        {
            foreach (var (table, column) in StoredColumns.Holding(ColumnHolds.Day))
            {
                Assert.That(Nullable.GetUnderlyingType(columns[(table, column)].ClrType) ?? columns[(table, column)].ClrType, Is.EqualTo(typeof(DateOnly)),
                    $"{table}.{column} is declared a day: it must not be able to hold a time");
            }

            foreach (var (table, column) in StoredColumns.Holding(ColumnHolds.Sealed))
            {
                Assert.That(columns[(table, column)].ClrType, Is.EqualTo(typeof(byte[])), $"{table}.{column} is declared sealed: ciphertext is bytes");
            }

            // Every type that can hold a time of day is declared as the time of a coordinator's or the service's own action.
            var timeTypes = new[] { typeof(DateTime), typeof(DateTimeOffset), typeof(TimeOnly), typeof(TimeSpan) };
            foreach (var ((table, column), property) in columns)
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (timeTypes.Contains(type))
                {
                    Assert.That(StoredColumns.Tables[table][column], Is.EqualTo(ColumnHolds.ActionTime), $"{table}.{column} can hold a time of day");
                }
            }
        });
    }
}
