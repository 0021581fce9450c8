"""How a query's words are read: the word naming the product, and which misspellings count as typos."""

import pytest

from search.text import edit_distance, head_word, is_typo_of


@pytest.mark.parametrize(
    ("query", "head"),
    [
        ("8 inch round blue pottery planter with drainage", "planter"),
        ("leather gloves for winter", "gloves"),
        ("football size 5", "football"),
        ("hand knotted carpet 8x10", "carpet"),
        ("made in pakistan rugs", "rugs"),
        ("wooden chess set", "chess"),
        ("shawl for women", "shawl"),
    ],
)
def test_head_word_is_the_last_naming_word_of_the_first_phrase(query, head):
    assert head_word(query) == head


def test_head_word_is_none_when_no_word_names_anything():
    assert head_word("for kids, size 5") is None


def test_swapping_two_neighbouring_letters_is_one_edit():
    assert edit_distance("embriodered", "embroidered") == 1


@pytest.mark.parametrize(("typed", "meant"), [("cushon", "cushion"), ("ajrk", "ajrak"), ("carpt", "carpet")])
def test_one_edit_is_a_typo_at_any_length(typed, meant):
    assert is_typo_of(typed, meant)


def test_two_edits_are_a_typo_only_in_words_longer_than_five_letters():
    assert is_typo_of("pashmna", "pashmina") and is_typo_of("bedshet", "bedsheets")
    assert not is_typo_of("salt", "swat")
