"""Every compiled letter and report writes numbers, counts, lists and names the way the reference
reply does; these are the rules they share."""

import pytest

from unidir_cb.core.wording import (
    capitalise_first,
    count_of,
    indefinite_article,
    join_names,
    lowercase_first,
    name_in_text,
    noun_for,
    number_in_words,
    rounded_count,
    rounded_count_of,
)


def test_small_numbers_are_words_and_larger_ones_figures_as_in_the_reference_letter():
    assert number_in_words(3) == "three"  # "three multi-stakeholder dialogues"
    assert number_in_words(10) == "ten"
    assert number_in_words(14) == "14"  # "14 donors"


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (28, "more than 25"),  # the reference's "more than 25 publications"
        (53, "more than 50"),  # "more than 50 government officials"
        (60, "60"),  # a round figure is never understated as "more than 55"
        (25, "25"),
        (21, "more than 20"),
        (18, "18"),  # under twenty, exact: 18 people are not "more than 15"
        (3, "three"),
    ],
)
def test_a_large_count_is_rounded_down_but_never_below_a_round_figure(count, said):
    assert rounded_count(count) == said


def test_counts_agree_with_their_noun():
    assert count_of(1, "publication") == "one publication"
    assert count_of(2, "donor") == "two donors"
    assert count_of(30, "different country", "different countries") == "30 different countries"
    assert rounded_count_of(28, "publication") == "more than 25 publications"
    assert rounded_count_of(1, "publication") == "one publication"
    assert noun_for(1, "country") == "country" and noun_for(3, "country") == "countries"
    assert noun_for(2, "series") == "series" and noun_for(2, "person") == "people"


def test_nothing_is_counted_as_zero():
    with pytest.raises(ValueError, match="leave the sentence out"):
        count_of(0, "donor")
    with pytest.raises(ValueError, match="leave the sentence out"):
        rounded_count_of(0, "publication")


def test_lists_take_the_serial_comma_and_an_empty_list_is_refused():
    assert join_names(["Germany"]) == "Germany"
    assert join_names(["ASEAN", "OAS"]) == "ASEAN and OAS"
    assert join_names(["Switzerland", "the Netherlands", "Microsoft"]) == "Switzerland, the Netherlands, and Microsoft"
    with pytest.raises(ValueError, match="leave the phrase"):
        join_names([])


def test_names_carry_their_article_and_titles_are_lowered_inside_a_sentence():
    assert name_in_text("Netherlands", takes_article=True) == "the Netherlands"
    assert name_in_text("Germany", takes_article=False) == "Germany"
    assert capitalise_first("the Netherlands") == "The Netherlands"
    assert lowercase_first("Summer course on norms") == "summer course on norms"
    assert lowercase_first("OEWG briefings") == "OEWG briefings"


def test_the_indefinite_article_follows_the_sound():
    assert indefinite_article("workshop on norms") == "a workshop on norms"
    assert indefinite_article("online seminar") == "an online seminar"
    assert indefinite_article("UN briefing") == "a UN briefing"
    assert indefinite_article("one-day clinic") == "a one-day clinic"
    assert indefinite_article("international conference") == "an international conference"
