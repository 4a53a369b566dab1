using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Reporting.Features.Reports;

/// <summary>
/// The form's optional closed questions, in the order the form asks them: the one place a question
/// is declared (README, "Adding a closed question"). A singleton, so a test host can add a question
/// and see it reach every consumer.
/// </summary>
public sealed class ClosedQuestions : IReadOnlyList<ClosedQuestion>
{
    public static readonly ClosedQuestion PlaceCategory = new(
        new CodeList("placeCategory",
            ("premises", "I verksamhetens lokaler"),
            ("schoolyard", "Skolgård/utemiljö"),
            ("public-space", "Offentlig plats"),
            ("public-transport", "Kollektivtrafik"),
            ("online", "Internet"),
            ("home", "Hembesök"),
            ("other", "Annan"),
            // The default since the third wave: an empty place was stored as "other" before, and those
            // reports stay so (nothing is migrated silently: the reporter did not say "other", but it was stored).
            ("unknown", "Okänt")),
        new Dictionary<string, string>
        {
            ["premises"] = "On the unit's premises", ["schoolyard"] = "Schoolyard/outdoor area", ["public-space"] = "Public place",
            ["public-transport"] = "Public transport", ["online"] = "Online", ["home"] = "Home visit", ["other"] = "Other", ["unknown"] = "Unknown",
        })
    {
        Control = QuestionControl.DropDown,
        Question = "Plats", EnglishQuestion = "Place",
        Prompt = "Välj plats (frivilligt)", EnglishPrompt = "Choose a place (optional)",
        Heading = "Plats", Column = "Plats", SummaryKey = "byPlaceCategory",
        OwnProperty = answers => [answers.PlaceCategory], OwnPostedProperty = posted => One(posted.PlaceCategory),
    };

    public static readonly ClosedQuestion AgeGroup = new(
        new CodeList("ageGroup",
            ("under-13", "Under 13 år"),
            ("13-15", "13–15 år"),
            ("16-17", "16–17 år"),
            ("18-24", "18–24 år"),
            ("25-plus", "25 år eller äldre"),
            ("unknown", "Okänt"),
            ("not-applicable", "Ej tillämpligt")),
        new Dictionary<string, string>
        {
            ["under-13"] = "Under 13", ["13-15"] = "13–15", ["16-17"] = "16–17", ["18-24"] = "18–24", ["25-plus"] = "25 or older",
            ["unknown"] = "Unknown", ["not-applicable"] = "Not applicable",
        })
    {
        Control = QuestionControl.Choices,
        Question = "Åldersgrupp", EnglishQuestion = "Age group",
        Heading = "Åldersgrupp", Column = "Åldersgrupp", SummaryKey = "byAgeGroup",
        OwnProperty = answers => [answers.AgeGroup], OwnPostedProperty = posted => One(posted.AgeGroup),
    };

    public static readonly ClosedQuestion Gender = new(
        new CodeList("gender",
            ("female", "Flicka/kvinna"),
            ("male", "Pojke/man"),
            ("other", "Annat"),
            ("unknown", "Okänt"),
            ("not-applicable", "Ej tillämpligt")),
        new Dictionary<string, string>
        {
            ["female"] = "Girl/woman", ["male"] = "Boy/man", ["other"] = "Other", ["unknown"] = "Unknown", ["not-applicable"] = "Not applicable",
        })
    {
        Control = QuestionControl.Choices,
        Question = "Kön", EnglishQuestion = "Gender",
        Heading = "Kön", Column = "Kön", SummaryKey = "byGender",
        OwnProperty = answers => [answers.Gender], OwnPostedProperty = posted => One(posted.Gender),
    };

    public static readonly ClosedQuestion PeopleInvolved = new(
        new CodeList("peopleInvolved",
            ("one", "En"),
            ("two-to-five", "Två till fem"),
            ("more-than-five", "Fler än fem"),
            ("unknown", "Okänt")),
        new Dictionary<string, string>
        {
            ["one"] = "One", ["two-to-five"] = "Two to five", ["more-than-five"] = "More than five", ["unknown"] = "Unknown",
        })
    {
        Control = QuestionControl.Choices,
        Question = "Antal personer", EnglishQuestion = "Number of people",
        Heading = "Antal inblandade personer", Column = "Antal personer", SummaryKey = "byPeopleInvolved",
        OwnProperty = answers => [answers.PeopleInvolved], OwnPostedProperty = posted => One(posted.PeopleInvolved),
    };

    public static readonly ClosedQuestion ActionsTaken = new(
        new CodeList("actionsTaken",
            ("police", "Kontakt med polis"),
            ("social-services", "Orosanmälan/kontakt med socialtjänst"),
            ("manager", "Chef informerad"),
            ("school-health", "Elevhälsa"),
            ("other", "Annat"),
            ("none", "Inga")),
        new Dictionary<string, string>
        {
            ["police"] = "Contact with the police", ["social-services"] = "Report of concern/contact with social services",
            ["manager"] = "Manager informed", ["school-health"] = "Pupil health team", ["other"] = "Other", ["none"] = "None",
        })
    {
        Control = QuestionControl.Checkboxes,
        Question = "Åtgärder hittills", EnglishQuestion = "Actions taken so far",
        Heading = "Åtgärder hittills", Column = "Åtgärd", SummaryKey = "byActionTaken",
        SummaryNote = "En rapport kan ange flera åtgärder.",
        Exclusive = ("none", "\"Inga\" kan inte kombineras med andra åtgärder."),
        OwnProperty = answers => answers.ActionsTaken, OwnPostedProperty = posted => posted.ActionsTaken,
    };

    /// <summary>The questions the service is built with.</summary>
    public static ClosedQuestions Standard { get; } = new([PlaceCategory, AgeGroup, Gender, PeopleInvolved, ActionsTaken]);

    private readonly IReadOnlyList<ClosedQuestion> _all;
    private readonly ConcurrentDictionary<Type, JsonTypeInfo> _json = new();

    public ClosedQuestions(IReadOnlyList<ClosedQuestion> all)
    {
        if (all.Select(q => q.Name).Distinct(StringComparer.Ordinal).Count() != all.Count)
        {
            throw new ArgumentException("Two closed questions have the same name.", nameof(all));
        }

        _all = all;
    }

    /// <summary>These questions and one more, asked last.</summary>
    public ClosedQuestions With(ClosedQuestion added) => new([.. _all, added]);

    public int Count => _all.Count;

    public ClosedQuestion this[int index] => _all[index];

    public IEnumerator<ClosedQuestion> GetEnumerator() => _all.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// A request type's JSON contract with every question declared after the first five as a property
    /// of its own (a string, or an array for a set), so the strict reader treats it like any other:
    /// unknown properties are still refused, a wrong type is still a 400 naming the field.
    /// </summary>
    public JsonTypeInfo<T> Json<T>(JsonTypeInfo<T> declared)
        where T : IPostedAnswers
    {
        if (!_all.Any(q => q.IsOther))
        {
            return declared;
        }

        return (JsonTypeInfo<T>)_json.GetOrAdd(typeof(T), type =>
        {
            var options = new JsonSerializerOptions(declared.Options)
            {
                TypeInfoResolver = declared.Options.TypeInfoResolver!.WithAddedModifier(AddOtherQuestions),
            };
            return options.GetTypeInfo(type);
        });
    }

    private void AddOtherQuestions(JsonTypeInfo info)
    {
        if (!typeof(IPostedAnswers).IsAssignableFrom(info.Type) || info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var question in _all.Where(q => q.IsOther))
        {
            var property = info.CreateJsonPropertyInfo(question.IsSet ? typeof(IReadOnlyList<string?>) : typeof(string), question.Name);
            property.Get = posted => question.Posted((IPostedAnswers)posted) is { } codes ? (question.IsSet ? codes : codes.FirstOrDefault()) : null;
            property.Set = (posted, value) => ((IPostedAnswers)posted).OtherAnswers[question.Name] = value switch
            {
                IReadOnlyList<string?> codes => codes,
                string code => [code],
                _ => null,
            };
            info.Properties.Add(property);
        }
    }

    private static IReadOnlyList<string?>? One(string? code) => code is null ? null : [code];
}
