"""search.compounds and the plural/possessive rules of search.text, without a database: the rewrite is a
pure function of the vocabulary it is given."""

from search import compounds
from search.text import clauses_for, singular, words


def alternatives(clauses):
    return [clause.alternatives for clause in clauses]


def test_a_possessive_is_the_name_itself():
    assert words("Ralli's quilts, the artisan’s own") == ["ralli", "quilts", "the", "artisan", "own"]


def test_singular_of_plain_english_plurals_and_words_that_only_look_plural():
    plurals = ["rugs", "covers", "boxes", "berries", "legos", "glass", "bus", "kilim"]
    singulars = ["rug", "cover", "box", "berry", "lego", "glass", "bus", "kilim"]
    assert [singular(word) for word in plurals] == singulars


def test_a_plural_query_reaches_its_synonym_group(settings):
    assert alternatives(clauses_for("rugs")) == [(("rug",), ("carpet",))]
    assert ("football",) in clauses_for("soccer balls")[0].alternatives


def test_two_words_making_an_indexed_word_both_accept_it():
    rewritten = compounds.rewrite(clauses_for("hand bag"), {"hand", "bag", "handbag"}.__contains__)
    assert alternatives(rewritten) == [(("hand",), ("handbag",)), (("bag",), ("handbag",))]


def test_a_plural_second_word_joins_into_the_singular_compound():
    rewritten = compounds.rewrite(clauses_for("key chains"), {"keychain"}.__contains__)
    assert alternatives(rewritten) == [(("key",), ("keychain",)), (("chains",), ("keychain",))]


def test_a_word_splits_into_a_phrase_only_when_the_phrase_is_held():
    vocabulary = {"table", "cloth", "tablecloth", "car", "pet", "carpet"}.__contains__
    held = {("table", "cloth")}.__contains__
    assert ("table", "cloth") in compounds.rewrite(clauses_for("tablecloths"), vocabulary, held)[
        0
    ].alternatives
    assert alternatives(compounds.rewrite(clauses_for("carpet"), vocabulary, held)) == alternatives(
        clauses_for("carpet")
    )


def test_a_plural_no_product_holds_accepts_its_singular():
    rewritten = compounds.rewrite(clauses_for("legos"), {"lego"}.__contains__)
    assert alternatives(rewritten) == [(("legos",), ("lego",))]
