"""The judged file's reader and writer, and the metrics: nDCG@k, recall@k, "nothing relevant in the top k".

Pure Python (no Django): tests/search/test_relevance_harness.py checks them on hand-computed cases.
"""

import csv
import math

from marketplace import csv_export

HEADER = ("query", "reference", "grade")
GRADES = (0, 1, 2, 3)
# recall and "nothing relevant" count a product as relevant from this grade: 2 and 3 are the kind the buyer
# asked for; 1 ("related") earns partial credit in nDCG only. bench/relevance.py --relevant-grade changes it.
RELEVANT_GRADE = 2


class JudgementError(ValueError):
    """A judged file that cannot be trusted: the message names the file, the line and what is wrong."""


def read_judgements(path) -> dict[str, dict[str, int]]:
    """{query: {product reference: grade}} from a TSV of query, reference, grade (an optional header line
    "query reference grade" first). Queries keep the file's order. Refuses a grade other than 0-3, a line
    without three fields, and a query/reference pair judged twice."""
    judgements: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or (number == 1 and tuple(row) == HEADER):
                continue
            if len(row) != 3:
                raise JudgementError(
                    f"{path}, line {number}: {len(row)} fields, expected 3 (query, reference, grade)"
                )
            query, reference, grade_text = (value.strip() for value in row)
            try:
                grade = int(grade_text)
            except ValueError:
                grade = None
            if grade not in GRADES:
                raise JudgementError(
                    f"{path}, line {number}: grade {grade_text!r} for {query!r} / {reference!r} "
                    "is not one of 0, 1, 2, 3"
                )
            grades = judgements.setdefault(query, {})
            if reference in grades:
                raise JudgementError(f"{path}, line {number}: {query!r} / {reference!r} is judged twice")
            grades[reference] = grade
    return judgements


def write_judgements(path, rows) -> None:
    """Writes (query, reference, grade) rows under the header line."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        # The shared writer, as everywhere: a query or slug never starts like a formula, so nothing changes.
        writer = csv_export.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)


def dcg(grades) -> float:
    """Discounted cumulative gain: sum of (2^grade - 1) / log2(position + 1), positions from 1."""
    return sum((2**grade - 1) / math.log2(position + 1) for position, grade in enumerate(grades, start=1))


def ndcg_at(ranked, judged: dict[str, int], k: int = 10) -> float:
    """DCG of the first k results over the DCG of the best possible first k (the judged grades sorted).
    Unjudged results count as grade 0. 0.0 when nothing is judged relevant at all."""
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(judged.get(reference, 0) for reference in ranked[:k]) / ideal


def relevant(judged: dict[str, int], relevant_grade: int = RELEVANT_GRADE) -> set[str]:
    return {reference for reference, grade in judged.items() if grade >= relevant_grade}


def recall_at(ranked, judged: dict[str, int], k: int = 100, relevant_grade: int = RELEVANT_GRADE) -> float:
    """Share of the relevant products found in the first k results, out of at most k: with 250 relevant
    products, 100 relevant in the first 100 is a recall of 1.0 (the list could not hold more)."""
    wanted = relevant(judged, relevant_grade)
    if not wanted:
        return 0.0
    found = len(wanted.intersection(ranked[:k]))
    return found / min(k, len(wanted))


def none_relevant_at(
    ranked, judged: dict[str, int], k: int = 10, relevant_grade: int = RELEVANT_GRADE
) -> bool:
    """True when none of the first k results is relevant (an empty list included)."""
    return not relevant(judged, relevant_grade).intersection(ranked[:k])
