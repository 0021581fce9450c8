"""The offline relevance harness (bench/relevance.py, issue 21): its metrics on hand-computed cases, the
judged file's reader refusing what it cannot trust, the judge's grading rules, and the shipped judged set.

No database and no search: the harness's own arithmetic and data."""

from pathlib import Path

import pytest

from bench.relevance.judge import CatalogProduct, grade, normalise
from bench.relevance.metrics import (
    JudgementError,
    ndcg_at,
    none_relevant_at,
    read_judgements,
    recall_at,
    write_judgements,
)
from bench.relevance.queries import GROUPS, QUERIES, q

JUDGED = Path(__file__).resolve().parents[2] / "bench" / "relevance" / "judged.tsv"


def test_ndcg_of_a_known_ranking():
    judged = {"a": 3, "b": 2, "c": 1}
    # DCG of c, a, x: (2^1-1)/log2(2) + (2^3-1)/log2(3) + 0 = 1 + 4.41650 = 5.41650
    # ideal a, b, c:  7/log2(2) + 3/log2(3) + 1/log2(4) = 7 + 1.89279 + 0.5 = 9.39279;  5.41650 / 9.39279
    assert ndcg_at(["c", "a", "x"], judged, k=10) == pytest.approx(0.57666, abs=1e-5)


def test_ndcg_is_one_for_the_ideal_order_and_ignores_results_past_k():
    judged = {"a": 3, "b": 2}

    assert ndcg_at(["a", "b", "x"], judged, k=10) == pytest.approx(1.0)
    assert ndcg_at([f"x{i}" for i in range(10)] + ["a", "b"], judged, k=10) == 0.0


def test_recall_counts_grade_two_and_up_in_the_first_k():
    judged = {"a": 3, "b": 2, "c": 2, "d": 1}
    # a and b of the three relevant (d is only related): 2/3; c at position 4 is past k=3.
    assert recall_at(["a", "d", "b", "c"], judged, k=3) == pytest.approx(2 / 3)


def test_recall_is_capped_at_what_the_first_k_can_hold():
    judged = {f"p{i}": 3 for i in range(150)}
    # 100 of 150 relevant in the first 100: the list could not hold more, recall 100/min(100, 150) = 1.
    assert recall_at([f"p{i}" for i in range(100)], judged, k=100) == 1.0


def test_none_relevant_in_the_top_ten_is_told_apart_from_one_at_position_ten():
    judged = {"related": 1, "wanted": 3}
    fillers = [f"x{i}" for i in range(9)]

    assert none_relevant_at(["related", *fillers], judged, k=10) is True
    assert none_relevant_at([*fillers, "wanted"], judged, k=10) is False
    assert none_relevant_at([*fillers, "related", "wanted"], judged, k=10) is True
    assert none_relevant_at([], judged, k=10) is True


def test_the_reader_refuses_a_grade_outside_zero_to_three_naming_the_line(tmp_path):
    path = tmp_path / "judged.tsv"
    path.write_text("query\treference\tgrade\nrugs\tred-rug\t3\nrugs\tblue-rug\t4\n", encoding="utf-8")

    with pytest.raises(
        JudgementError, match=r"line 3: grade '4' for 'rugs' / 'blue-rug' is not one of 0, 1, 2, 3"
    ):
        read_judgements(path)


def test_the_reader_refuses_a_word_for_a_grade_and_a_missing_field(tmp_path):
    word = tmp_path / "word.tsv"
    word.write_text("rugs\tred-rug\thigh\n", encoding="utf-8")
    short = tmp_path / "short.tsv"
    short.write_text("rugs\tred-rug\n", encoding="utf-8")

    with pytest.raises(JudgementError, match=r"line 1: grade 'high'"):
        read_judgements(word)
    with pytest.raises(JudgementError, match=r"line 1: 2 fields, expected 3"):
        read_judgements(short)


def test_what_the_writer_writes_the_reader_reads_back(tmp_path):
    path = tmp_path / "judged.tsv"
    write_judgements(path, [("hand bag", "tote-1", 3), ("hand bag", "laptop-bag", 2), ("rugs", "kilim", 3)])

    assert read_judgements(path) == {"hand bag": {"tote-1": 3, "laptop-bag": 2}, "rugs": {"kilim": 3}}


def catalog_product(title, categories=("bags",), materials="", clusters=()):
    return CatalogProduct(
        reference=normalise(title).strip().replace(" ", "-"),
        title=normalise(title),
        description=" ",
        categories=frozenset(categories),
        materials=normalise(materials),
        clusters=frozenset(clusters),
    )


def test_the_judge_grades_kind_attribute_near_and_related_as_the_rules_say():
    query = q("long", "red leather tote", "a red tote", "title:tote", attrs="title:red", near="clutch")
    query_with_related = q("plain", "tote", "a tote", "title:tote", related="cat:bags")

    assert grade(query, catalog_product("Red leather tote bag")) == 3
    assert grade(query, catalog_product("Black leather tote bag")) == 2  # right kind, wrong colour
    assert grade(query, catalog_product("Red embroidered clutch bag")) == 2  # a near kind
    assert grade(query, catalog_product("Leather laptop bag")) == 0  # related only if the query says so
    assert grade(query_with_related, catalog_product("Leather laptop bag")) == 1


def test_the_judge_reads_words_whole_and_materials_by_their_words():
    query = q("plain", "leather waistcoat", "", "title:waistcoat", attrs="mat:leather")

    assert grade(query, catalog_product("Embroidered waistcoat", materials="Goat leather")) == 3
    assert grade(query, catalog_product("Embroidered waistcoat", materials="Wool Silk")) == 2
    assert grade(q("plain", "mat", "", "title:mat"), catalog_product("Banana fibre table mat")) == 3
    assert grade(q("plain", "mat", "", "title:mat"), catalog_product("Leather laptop bag, matte")) == 0


def test_the_shipped_judged_set_holds_150_queries_of_every_group_and_stays_small():
    judgements = read_judgements(JUDGED)
    groups = {query.text: query.group for query in QUERIES}

    assert len(judgements) >= 150
    assert set(judgements) <= set(groups)  # every judged query has its intent written in queries.py
    assert {groups[text] for text in judgements} == set(GROUPS)
    assert all(any(g >= 2 for g in judged.values()) for judged in judgements.values())
    assert JUDGED.stat().st_size < 1_500_000
