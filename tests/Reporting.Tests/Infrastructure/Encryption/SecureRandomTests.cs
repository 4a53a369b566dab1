using System.Collections.Concurrent;
using Reporting.Infrastructure.Encryption;

namespace Reporting.Tests.Infrastructure.Encryption;

/// <summary>
/// The buffered generator hands every byte out once: no two draws repeat (across buffer refills
/// and threads), draws larger than the buffer's pieces come straight from the system, and the bytes
/// look uniform.
/// </summary>
[TestFixture]
public sealed class SecureRandomTests
{
    [Test]
    public void NoTwoDrawsRepeatAcrossRefillsAndThreads()
    {
        var seen = new ConcurrentDictionary<string, byte>();
        Parallel.For(0, 8, _ =>
        {
            Span<byte> piece = stackalloc byte[12];
            for (var i = 0; i < 5_000; i++)
            {
                SecureRandom.Fill(piece);
                Assert.That(seen.TryAdd(Convert.ToHexString(piece), 0), Is.True, "a nonce was handed out twice");
            }
        });

        Assert.That(seen, Has.Count.EqualTo(40_000));
    }

    [Test]
    public void EveryByteValueComesUpAboutEquallyOften()
    {
        var counts = new int[256];
        for (var i = 0; i < 8_000; i++)
        {
            foreach (var b in SecureRandom.GetBytes(32))
            {
                counts[b]++;
            }
        }

        // 256,000 bytes: 1,000 expected per value; a chi-square over 255 degrees of freedom above 400 has p < 10⁻⁸.
        var chiSquare = counts.Sum(c => (c - 1000.0) * (c - 1000.0) / 1000.0);
        Assert.That(chiSquare, Is.LessThan(400));
    }

    [Test]
    public void ALargeDrawIsFilledWhole()
    {
        var large = SecureRandom.GetBytes(10_000);

        Assert.That(large.Count(b => b == 0), Is.LessThan(100), "not left zero");
        Assert.That(large.Take(5_000).SequenceEqual(large.Skip(5_000)), Is.False);
    }
}
