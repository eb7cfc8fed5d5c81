"""How letters and reports write numbers, counts, lists and names in English prose.

One home for the rules every compiled text follows (the mapping letter, the donor report, the
activity summary, the management snapshot), taken from the reply UNIDIR wrote by hand in 2023:
- small numbers in words ("three multi-stakeholder dialogues", "two main objectives"), larger ones
  in figures ("14 donors", "30 different countries");
- a large count may be rounded down to a multiple of five and said "more than" ("more than 25
  publications", "more than 50 government officials"), but never below a round figure: 60 is "60",
  not "more than 55"; counts under twenty are exact;
- singular and plural agree with the count; nothing is counted as zero: callers say "no ..." or
  leave the sentence out, so these functions refuse a zero count;
- lists with the serial comma ("the Netherlands, Switzerland, and Microsoft");
- names that take an article carry it in running text ("the Netherlands", "the OSCE");
- dates written out, day first ("4 July 2022"), as letters and reports write them.

The letters are in English only, so nothing here is translated.
"""

import datetime

NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
# Counts from here on may be rounded and said "more than"; smaller ones are always exact.
ROUNDING_STARTS_AT = 20
ROUNDING_STEP = 5


def number_in_words(number: int) -> str:
    """ "three", but "14": words up to ten, as the letters write them."""
    if number < 0:
        raise ValueError(f"A count cannot be negative: {number}.")
    return NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)


def plural(noun: str) -> str:
    """The plural of the nouns the reports count ("publication", "country", "series", "person")."""
    irregular = {"person": "people", "series": "series", "child": "children"}
    if noun in irregular:
        return irregular[noun]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def noun_for(count: int, noun: str, plural_form: str | None = None) -> str:
    """The noun in the form a count takes: "donor" for one, "donors" otherwise."""
    if count == 1:
        return noun
    return plural_form or plural(noun)


def _refuse_zero(count: int, noun: str) -> None:
    if count <= 0:
        raise ValueError(f"Nothing is counted as {count} {noun}: say it another way or leave the sentence out.")


def count_of(count: int, noun: str, plural_form: str | None = None) -> str:
    """ "one publication", "three donors", "14 donors": the exact count, in words when small."""
    _refuse_zero(count, noun)
    return f"{number_in_words(count)} {noun_for(count, noun, plural_form)}"


def rounded_count(count: int) -> str:
    """A large count as the letters round it: 28 -> "more than 25"; 60 stays "60"; 18 stays "18"."""
    if count < ROUNDING_STARTS_AT or count % ROUNDING_STEP == 0:
        return number_in_words(count)
    return f"more than {count // ROUNDING_STEP * ROUNDING_STEP}"


def rounded_count_of(count: int, noun: str, plural_form: str | None = None) -> str:
    """ "more than 25 publications", "60 publications", "one publication"."""
    _refuse_zero(count, noun)
    return f"{rounded_count(count)} {noun_for(count, noun, plural_form)}"


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B, and C" — the serial comma, as the programme's letters use it.

    An empty list is refused: a lead-in ("partnered with", "donors included") must not be followed
    by nothing, so the caller leaves the phrase out."""
    if not names:
        raise ValueError("Nothing to list: leave the phrase that introduces the list out.")
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def name_in_text(name: str, takes_article: bool) -> str:
    """A name as running text writes it: "the Netherlands", "Germany"."""
    return f"the {name}" if takes_article else name


def capitalise_first(text: str) -> str:
    """For a name that starts a sentence: "The Netherlands made no contributions..."."""
    return text[:1].upper() + text[1:]


def lowercase_first(text: str) -> str:
    """A title or label used inside a sentence: "Summer course on ..." -> "summer course on ...".

    Acronyms and proper nouns ("OEWG", "UNIDIR") are kept: only a capitalised common word is lowered."""
    first_word = text.split(" ", 1)[0]
    if first_word[:1].isupper() and first_word[1:2].islower():
        return text[:1].lower() + text[1:]
    return text


# Words that start with a vowel letter but a consonant sound ("a one-day", "a UN", "a European").
CONSONANT_SOUNDS = ("one", "once", "uni", "use", "usu", "eu", "un ", "unodc")


def indefinite_article(phrase: str) -> str:
    """ "a workshop", "an online seminar", "a two-week summer course", "a UN briefing"."""
    lowered = phrase.lower()
    if lowered.startswith(CONSONANT_SOUNDS) or lowered[:1] not in ("a", "e", "i", "o", "u"):
        return f"a {phrase}"
    return f"an {phrase}"


def long_date(day: datetime.date) -> str:
    """ "4 July 2022": the day without a leading zero, the month in words."""
    return f"{day.day} {day:%B %Y}"
