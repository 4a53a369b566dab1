using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Reporting.Infrastructure.Encryption;

namespace Reporting.Features.Reports;

/// <summary>
/// The single-use token each rendered staff form carries, so the same form posted twice (the browser's
/// Back button and "Skicka rapport" again, a double click, a resubmitted POST) stores one report. It is
/// 16 random bytes and the day the form was rendered; only its hash is stored, and only once a report
/// has been stored with it (<see cref="SpentFormToken"/>), with the day and never a time. A form older
/// than <see cref="ValidDays"/> days is shown again to be checked and sent anew, so spent tokens need
/// not be kept longer.
/// </summary>
public static class FormToken
{
    /// <summary>How many days after the day it was rendered a form may still be sent.</summary>
    public const int ValidDays = 2;

    private const int RandomBytes = 16;

    public static string New(DateOnly today)
    {
        Span<byte> token = stackalloc byte[RandomBytes + 4];
        SecureRandom.Fill(token[..RandomBytes]);
        BinaryPrimitives.WriteInt32LittleEndian(token[RandomBytes..], today.DayNumber);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The token's hash to store, or null when the text is no token of ours (a hand-made post).</summary>
    public static byte[]? Hash(string? text, out DateOnly renderedOn)
    {
        renderedOn = default;
        Span<byte> token = stackalloc byte[RandomBytes + 4];
        if (text is null || text.Length > 64 || !Base64Url.IsValid(text) || Base64Url.GetMaxDecodedLength(text.Length) < token.Length
            || !Base64Url.TryDecodeFromChars(text, token, out var written) || written != token.Length)
        {
            return null;
        }

        var day = BinaryPrimitives.ReadInt32LittleEndian(token[RandomBytes..]);
        if (day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber)
        {
            return null;
        }

        renderedOn = DateOnly.FromDayNumber(day);
        return SHA256.HashData(token)[..16];
    }

    /// <summary>A form rendered this long ago is sent anew rather than trusted against the spent tokens kept.</summary>
    public static bool HasExpired(DateOnly renderedOn, DateOnly today) => renderedOn.AddDays(ValidDays) < today || renderedOn > today.AddDays(1);
}

/// <summary>A form token that has stored its report: its hash and the day, kept <see cref="FormToken.ValidDays"/> days.</summary>
public sealed class SpentFormToken
{
    public const string TableName = "SpentFormTokens";

    public byte[] Hash { get; private set; } = [];

    public DateOnly SpentOn { get; private set; }
}

/// <summary>How <see cref="SpentFormToken"/> is stored (found by <c>ApplyConfigurationsFromAssembly</c>).</summary>
public sealed class SpentFormTokenConfiguration : IEntityTypeConfiguration<SpentFormToken>
{
    public void Configure(EntityTypeBuilder<SpentFormToken> token)
    {
        token.ToTable(SpentFormToken.TableName);
        token.HasKey(t => t.Hash);
        token.HasIndex(t => t.SpentOn);
    }
}
