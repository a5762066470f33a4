"""kg draft on English news phrasings beyond the annotated articles: dates against a publication
date, names of new people, companies, places and events, and the roles news gives them.

Each case is a sentence of the kind agencies write, with what a careful reader takes from it
(worked out by hand against the publication date, Wednesday 16 June 2027). A date is either
right or marked CHECK; ``None`` as the flag means either is acceptable for that reading.
"""

from __future__ import annotations

import shutil

import pytest

from kg.curate.draft import draft
from kg.curate.extract.languages import find_dates
from kg.curate.extract.quantities import find_quantities
from kg.ingest.dates import PartialDate

from .test_draft_languages import sample_graph

PUBLISHED = "2027-06-16"  # a Wednesday


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The film will be released on June 25.", {"June 25": ("2027-06-25", False)}),
        ("The film premiered on June 3 in Almaty.", {"June 3": ("2027-06-03", False)}),
        ("Shooting began in mid-April and wrapped on Friday.", {"mid-April": ("2027-04", False), "Friday": ("2027-06-11", False)}),
        ("The crew will travel to Bishkek next Tuesday.", {"next Tuesday": ("2027-06-22", False)}),
        ("The picture is slated for a December release.", {"December": ("2027-12", False)}),
        ("It is scheduled to hit screens in the third quarter of 2027.", {"the third quarter of 2027": ("2027", False)}),
        ("Two weeks ago, the producers announced the cast.", {"Two weeks ago": ("2027", False)}),
        ("The film opened on 1,200 screens on Friday, June 11.", {"Friday, June 11": ("2027-06-11", False)}),
        ("The premiere is set for July 1 at the Bolshoi.", {"July 1": ("2027-07-01", False)}),
        # a month's full name at the end of a sentence keeps its full stop out of the words
        ("Filming is due to wrap by the end of July.", {"the end of July": ("2027-07", False)}),
        ("The deal was signed in June.", {"June": ("2027-06", None)}),
        # a date put first takes the tense of the clause it fronts
        ("On Tuesday, the ministry approved the funding.", {"Tuesday": ("2027-06-15", False)}),
        ("At a briefing in Moscow on Monday, the producers said the shoot was over.", {"Monday": ("2027-06-14", False)}),
        ("Tickets go on sale this Friday.", {"this Friday": ("2027-06-18", False)}),
        ("The forum will take place between Sept. 10 and 14.", {"Sept. 10": ("2027-09-10", False), "14": ("2027-09-14", False)}),
        ("The festival closes on Saturday with a gala screening.", {"Saturday": ("2027-06-19", False)}),
        ("Audiences will see it at the end of the year.", {"the end of the year": ("2027", False)}),
        # seasons: "over the summer", "later this autumn"; a winter with a year runs across two years
        ("Post-production is planned in Almaty over the summer.", {"summer": ("2027", False)}),
        ("The drama will reach cinemas later this autumn.", {"later this autumn": ("2027", None)}),
        ("The story is set in the winter of 1998.", {"the winter of 1998": (None, False)}),
        ("The studio plans to release the film in the spring.", {"spring": ("2028", None)}),
        ("The studio expects to finish the film by mid-2028.", {"mid-2028": ("2028", False)}),
        ("The release is planned for the first half of next year.", {"the first half of next year": ("2028", False)}),
        # counted from the date before, never from the publication date
        ("The crew arrived on June 2 and left the following week.", {"June 2": ("2027-06-02", False), "the following week": ("2027-06", False)}),
        ("The project was announced in 2025 and filmed the next year.", {"2025": ("2025", False), "the next year": ("2026", True)}),
        ("A day earlier, the director had arrived in Beijing.", {}),
        # "will last until": "last" is a verb here, no past
        ("The shooting, which began on June 1, will last until August.", {"June 1": ("2027-06-01", False), "August": ("2027-08", False)}),
        # a date in apposition takes the tense of the clause it explains
        ("The jury will announce the winners on the final day, June 27.", {"June 27": ("2027-06-27", False)}),
        # "will be held": a participle after "be" has no tense of its own
        ("A screening will be held at the Karo 11 October cinema on June 24.", {"June 24": ("2027-06-24", False)}),
    ],
)
def test_english_dates_right_or_marked(sentence, expected):
    found = {d.wording: (str(d.value) if d.value else None, d.check is not None) for d in find_dates(sentence, PartialDate.parse(PUBLISHED), language="en")}
    assert set(found) == set(expected), found
    for wording, (value, check) in expected.items():
        assert found[wording][0] == value, (wording, found[wording])
        if check is not None:
            assert found[wording][1] == check, (wording, found[wording])


ARTICLE = """\
ALMATY, June 16 (Kazinform) -- Kazakh director Aisulu Bekova has started shooting "The Long Steppe", \
a co-production between Kazakhfilm and Russia's Central Partnership, in the Mangystau region.
The film stars Gosha Kutsenko and newcomer Dinara Saparova, and is produced by Timur Akhmetov of Almaty-based Steppe Pictures.
"We have waited five years for this story," Bekova told reporters at the set near Aktau.
The project received backing from the Eurasian Development Bank and the Russian Ministry of Culture.
Uzbekfilm head Firdavs Abdukhalikov said the studio would join the second stage of the shoot in Khiva and Bukhara.
The picture will be distributed in China by Huaxia Film Distribution and in Russia by Volga Group.
Earlier, the team screened a trailer at the Kinotavr festival in Sochi.
The screenplay was written by Olga Petrova, based on a novel by Mukhtar Auezov.
Helmed by Kyrgyz filmmaker Ernest Abdyjaparov, the China-Kyrgyzstan co-production "Heavenly Mountains" was made in partnership with Kyrgyzfilm.
Serbian actor Milos Bikovic will chair the jury, said Li Na, a spokeswoman for the festival. "We are ready," Li said.
The film's director, Bollywood veteran Rakesh Mehra, will shoot "Silk and Saffron" in the Altai Republic, and Russian studio Mosfilm will \
handle post-production for the Chinese market.
Producers Shukhrat Rizaev and Priya Kapoor said it had sold 30,000 tickets, according to the Maoyan ticketing platform.
"This is a story about two cultures meeting on the road," Mehra, 58, told reporters.
During a visit to Dushanbe, Indian Culture Minister Gajendra Singh Shekhawat met his Tajik counterpart Matlubakhon Sattoriyon; \
India and Tajikistan will co-produce a drama about the astronomer Ulugh Beg, backed by the Indian Council for Cultural Relations \
and Tajikistan's Committee.
The documentary Roads of Friendship opened the week, organisers from the Shanghai Cooperation Organisation said; the Kazakh \
capital Astana will host the next one, and China Film Group Corporation signed a memorandum with Belarusfilm.
"""


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    data = sample_graph(tmp_path_factory.mktemp("english") / "data")
    (data / "documents" / "en-phrasings.txt").write_text(ARTICLE, encoding="utf-8")
    (data / "documents" / "en-phrasings.yaml").write_text(
        f"headline: '[TEST ARTICLE] phrasings'\npublisher: kg test suite (invented article, not a real source)\n"
        f"language: en\ndate_published: {PUBLISHED}\n",
        encoding="utf-8",
    )
    yield draft("en-phrasings", data)
    shutil.rmtree(data, ignore_errors=True)


def test_new_names_are_found_whole(english):
    new = {m.text for m in english.mentions if not m.known}
    for name in (
        "Kazinform", "Aisulu Bekova", "The Long Steppe", "Kazakhfilm", "Central Partnership", "Mangystau", "Dinara Saparova",
        "Timur Akhmetov", "Almaty", "Steppe Pictures", "Aktau", "Eurasian Development Bank", "Russian Ministry of Culture",
        "Uzbekfilm", "Firdavs Abdukhalikov", "Khiva", "Bukhara", "Huaxia Film Distribution", "Volga Group", "Kinotavr festival",
        "Sochi", "Olga Petrova", "Mukhtar Auezov", "Ernest Abdyjaparov", "Heavenly Mountains", "Kyrgyzfilm", "Li Na", "Li",
        "Rakesh Mehra", "Altai Republic", "Mosfilm", "Shukhrat Rizaev", "Priya Kapoor", "Maoyan", "Dushanbe",
        "Gajendra Singh Shekhawat", "Matlubakhon Sattoriyon", "Ulugh Beg", "Indian Council for Cultural Relations",
        "Roads of Friendship", "Astana", "China Film Group Corporation", "Belarusfilm",
    ):  # fmt: skip
        assert name in new, name
    # no name is taken with its neighbours ("Almaty-based Steppe", "Timur Akhmetov of Almaty-based Steppe Pictures")
    assert not any("based" in n or " of Almaty" in n for n in new), new
    assert "Chinese market" not in new
    # a known name in British spelling is the known entity
    assert any(m.text == "Shanghai Cooperation Organisation" and m.entity == "sco" for m in english.mentions)


def test_roles_news_gives(english):
    roles = {(r.property, o) for r, _, o in english.roles}
    for role in (
        ("director", "aisulu-bekova"),
        ("productionCompany", "kazakhfilm"),
        ("productionCompany", "central-partnership"),
        ("actor", "gosha-kutsenko"),
        ("actor", "dinara-saparova"),
        ("producer", "timur-akhmetov"),
        ("distributor", "huaxia-film-distribution"),
        ("distributor", "volga-group"),
        ("author", "olga-petrova"),
        ("director", "ernest-abdyjaparov"),
        ("productionCompany", "kyrgyzfilm"),
        ("countryOfOrigin", "china"),
        ("countryOfOrigin", "kyrgyzstan"),
        ("countryOfOrigin", "india"),
        ("countryOfOrigin", "tajikistan"),
        ("director", "rakesh-mehra"),
        ("producer", "shukhrat-rizaev"),
        ("producer", "priya-kapoor"),
    ):
        assert role in roles, role
    # chairing a jury is no part in a film; the novelist is no author of the film
    assert ("actor", "milos-bikovic") not in roles
    assert not any(o == "mukhtar-auezov" for _, o in roles)


def test_a_speaker_named_by_one_word_of_a_new_name(english):
    speakers = {q.text[:7]: s for q, s in english.quotations}
    assert speakers["We have"] == "aisulu-bekova"
    assert speakers["We are "] == "li-na"
    assert speakers["This is"] == "rakesh-mehra"  # "Mehra, 58, told reporters"



@pytest.mark.parametrize(
    "sentence,wording,bound,number,currency",
    [
        ("The budget was estimated at 450 million rubles.", "450 million rubles", "approx", 450e6, "RUB"),
        ("Its budget is put at $2.7 million.", "$2.7 million", "value", 2.7e6, "USD"),
        ("The studio invested roughly 2 billion soms.", "roughly 2 billion soms", "approx", 2e9, "KGS"),
        ("Box office receipts topped 500 million rubles.", "500 million rubles", "min", 500e6, "RUB"),
        ("The film took more than 9 billion sums in Uzbekistan.", "more than 9 billion sums", "min", 9e9, "UZS"),
    ],
)
def test_amounts_keep_their_bound_and_currency(sentence, wording, bound, number, currency):
    (q,) = find_quantities(sentence)
    assert (q.wording, getattr(q, bound), q.currency) == (wording, number, currency)
