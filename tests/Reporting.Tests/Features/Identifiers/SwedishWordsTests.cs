using Reporting.Features.Identifiers;

namespace Reporting.Tests.Features.Identifiers;

/// <summary>The lexicon that tells ordinary Swedish words from names (ADR 17): word forms, compounds, places.</summary>
[TestFixture]
public sealed class SwedishWordsTests
{
    private static readonly SwedishWords Words = SwedishWords.Shipped;

    [Test]
    public void HoldsTheDerivedWordForms() => Assert.That(Words.Count, Is.GreaterThan(700_000));

    [TestCase("hotade")]
    [TestCase("Polisen")]
    [TestCase("STEN")]
    [TestCase("klasskamraterna")]
    [TestCase("fritidsgårdens")]
    public void KnowsWordFormsInAnyCasing(string word) => Assert.That(Words.Contains(word), Is.True);

    [TestCase("Elevassistenten")] // elev + assistenten
    [TestCase("Christchurch-dådet")] // a hyphen, then a word
    [TestCase("Skolbiblioteket")]
    public void KnowsCompoundsOfKnownWords(string word) => Assert.That(Words.IsWord(word), Is.True);

    [TestCase("Kowalczyk")]
    [TestCase("Tesfamariam")]
    [TestCase("Abdirahman")]
    [TestCase("Lemkodar")] // "lem" + "kodar": a head of three letters is too short to count
    [TestCase("Łukasz")]
    public void DoesNotKnowNames(string word) => Assert.That(Words.IsWord(word), Is.False);

    [TestCase("Farsta")]
    [TestCase("Somalia")]
    [TestCase("Tensta")]
    public void KnowsPlacesApartFromWords(string place) =>
        Assert.That((Words.IsPlace(place), Words.Contains(place)), Is.EqualTo((true, false)));
}
