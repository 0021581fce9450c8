"""Turning what a buyer typed into terms: words, stop words, synonym groups from the one synonyms file.

Every backend uses these helpers so that "ajrak" finds "block print" whether the database or Elasticsearch
answers. Possessives are dropped ("ralli's" is "ralli") and plurals find their synonym group ("rugs" is in
the group of "rug"); compound words are search.compounds' business. Stemming itself is left to each engine
(FTS5 porter, PostgreSQL 'english', Elasticsearch stemmer).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

WORD = re.compile(r"\w+", re.UNICODE)
# "ralli's" is "ralli": a lone "s" would otherwise be a word of the query that few products hold.
POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)

# Words that carry no meaning in a product query; dropping them keeps OR-matching from ranking on "with".
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "this",
        "to",
        "with",
        "without",
        "we",
        "you",
        "your",
        "i",
        "me",
        "my",
        "need",
        "want",
        "looking",
        "buy",
    ]
)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(POSSESSIVE.sub("", text or ""))]


def singular(word: str) -> str:
    """A plain English singular ("rugs" -> "rug", "covers" -> "cover", "boxes" -> "box", "berries" ->
    "berry"), for comparing a query with the synonyms file and for plurals of names the stemmers leave
    alone. Words that only look plural ("glass", "bus", "kilims"' stem aside) keep their ending."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def meaningful_words(text: str) -> list[str]:
    """The words of a query that count for matching (no stop words, no duplicates, order kept)."""
    seen, out = set(), []
    for word in words(text):
        if word in STOP_WORDS or word in seen:
            continue
        seen.add(word)
        out.append(word)
    return out


def parse_synonyms(text: str) -> list[tuple[str, ...]]:
    """Solr-format equivalence lines ("a, b c, d") into groups of phrases; '=>' lines become groups too."""
    groups = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        line = line.replace("=>", ",")
        phrases = tuple(dict.fromkeys(" ".join(words(part)) for part in line.split(",") if words(part)))
        if len(phrases) > 1:
            groups.append(phrases)
    return groups


@lru_cache(maxsize=4)
def _load_synonyms(path: str) -> tuple[tuple[str, ...], ...]:
    try:
        with open(path, encoding="utf-8") as handle:
            return tuple(parse_synonyms(handle.read()))
    except FileNotFoundError:
        return ()


def synonym_groups() -> tuple[tuple[str, ...], ...]:
    return _load_synonyms(str(settings.SEARCH_SYNONYMS_FILE))


@lru_cache(maxsize=4)
def _synonym_phrases(groups) -> tuple[dict[tuple[str, ...], tuple], int]:
    """Every synonym phrase by its words' singulars -> (its words, its group), the first group holding it
    winning as a scan of the groups in order would; and the longest phrase's length."""
    found = {}
    for group in groups:
        for phrase in group:
            parts = tuple(phrase.split())
            found.setdefault(tuple(singular(part) for part in parts), (parts, group))
    return found, max((len(key) for key in found), default=0)


def solr_synonym_lines() -> list[str]:
    """The synonyms as Elasticsearch's synonym_graph filter wants them (one equivalence line per group)."""
    return [", ".join(group) for group in synonym_groups()]


@dataclass(frozen=True)
class Clause:
    """One meaningful part of the query: the alternatives that satisfy it (word, synonyms, spelling fixes).

    Each alternative is a tuple of words (a phrase when longer than one word).
    """

    alternatives: tuple[tuple[str, ...], ...]


def clauses_for(text: str, corrections: dict[str, list[str]] | None = None) -> list[Clause]:
    """Split a query into clauses; multi-word synonyms ("block print") are recognised as one clause."""
    tokens = meaningful_words(text)
    corrections = corrections or {}
    phrases, longest = _synonym_phrases(synonym_groups())
    singulars = [singular(token) for token in tokens]
    clauses, i = [], 0
    while i < len(tokens):
        # Longest synonym phrase starting here wins ("cashmere shawl" before "cashmere"); plurals count
        # ("rugs" is in the group of "rug", "soccer balls" in that of "soccer ball").
        matched = next(
            (
                phrases[key]
                for length in range(min(longest, len(tokens) - i), 0, -1)
                if (key := tuple(singulars[i : i + length])) in phrases
            ),
            None,
        )
        if matched:
            parts, group = matched
            # The group's own phrases: the engines' stemmers take "rugs" to "rug" already.
            typed = tuple(tokens[i : i + len(parts)])
            alternatives = [tuple(p.split()) for p in group]
        else:
            typed = (tokens[i],)
            alternatives = [typed]
        i += len(typed)
        if len(typed) == 1:
            alternatives.extend((fix,) for fix in corrections.get(typed[0], []))
        clause = Clause(tuple(dict.fromkeys(alternatives)))
        if clause not in clauses:  # "ralli's quilts": two words of one synonym group are one clause
            clauses.append(clause)
    return clauses


# After these, a buyer's query goes on to details ("planter with drainage", "gloves for winter").
PREPOSITIONS = frozenset(["with", "without", "for", "in", "on", "from", "of", "by", "to", "made"])
# Words that say which one, how many or for whom, not what ("football size 5", "shawl women", "carpet 8x10",
# "chess set").
SPEC_WORDS = frozenset(
    [
        "set",
        "sets",
        "pack",
        "kit",
        "lot",
        "item",
        "items",
        "product",
        "products",
        "size",
        "sizes",
        "inch",
        "inches",
        "cm",
        "mm",
        "ft",
        "feet",
        "foot",
        "kg",
        "gram",
        "grams",
        "pcs",
        "piece",
        "pieces",
        "pair",
        "pairs",
        "x",
        "women",
        "woman",
        "womens",
        "men",
        "mens",
        "man",
        "ladies",
        "kids",
        "kid",
        "children",
        "childrens",
        "boys",
        "girls",
        "baby",
        "unisex",
    ]
)


def head_word(text: str) -> str | None:
    """The word of a query that names the product: in English the last noun of the first phrase
    ("blue pottery planter with drainage" -> "planter", "hand knotted carpet 8x10" -> "carpet").

    Every backend weighs it above the other words when it widens a query to partial matches, so that
    "boxing gloves" shows gloves before boxes and "brass lamp" lamps before brass chests.
    """
    phrases = [[]]
    for word in words(text):
        if word in PREPOSITIONS:
            phrases.append([])
        else:
            phrases[-1].append(word)
    for phrase in phrases:  # the first phrase that names something ("made in pakistan rugs" -> "rugs")
        for word in reversed(phrase):
            if word in STOP_WORDS or word in SPEC_WORDS or any(ch.isdigit() for ch in word):
                continue
            return word
    return None


def head_clause_index(text: str, clauses: list[Clause]) -> int | None:
    """Which of `clauses` holds the query's head word (None if it was left out or there is one clause)."""
    head = head_word(text)
    if head is None or len(clauses) < 2:
        return None
    head = singular(head)  # "rugs" names the clause of the group of "rug"
    for index in range(len(clauses) - 1, -1, -1):
        if any(head in map(singular, alternative) for alternative in clauses[index].alternatives):
            return index
    return None


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`: "embriodered" is one from
    "embroidered"."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def is_typo_of(typed: str, word: str) -> bool:
    """Whether `word` is close enough to be what the buyer meant: one edit in words of up to five letters,
    two in longer ones (Elasticsearch's fuzziness AUTO, so both backends forgive the same typos)."""
    return edit_distance(typed, word) <= (1 if len(typed) <= 5 else 2)
