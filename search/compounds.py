"""Compound words and plain plurals, rewritten at query time from the indexed vocabulary (every backend).

Buyers write "hand bag" for "handbag" and "keychain" for "key chain"; no stemmer joins or splits words, so
the query is rewritten from what the catalog holds:
- Joined: two neighbouring one-word clauses whose concatenation is an indexed word ("hand" + "bag" ->
  "handbag", "key chains" -> "keychain") both accept that word, so a product holding "handbag" holds every
  clause of "hand bag", and so does one holding "hand" and "bag".
- Split: a one-word clause that splits into two indexed words ("tablecloth" -> "table cloth") accepts that
  phrase as well. The database backend keeps only phrases some product holds (a phrase lookup, which also
  gives the clause its true rarity); Elasticsearch takes every split whose both halves are indexed words
  (a phrase that no product holds costs it nothing).
- Plurals the stemmer leaves alone: a one-word clause no product holds whose singular some product holds
  (search.text.singular) accepts the singular.
The vocabulary is search.models.SearchTerm: every word of indexed text, kept by the database index, which
is always written (it is the fallback when Elasticsearch does not answer).
"""

from .models import SearchTerm
from .text import Clause, singular

MIN_PART = 3  # "keychain" = "key" + "chain"; shorter halves ("a" + "rug") are not words a buyer splits off


def single_word(clause: Clause) -> str | None:
    """The word of a clause the buyer typed as one word (its first alternative), else None."""
    first = clause.alternatives[0]
    return first[0] if len(first) == 1 else None


def joined_candidates(clauses: list[Clause]) -> dict[int, list[str]]:
    """Index of each clause starting a pair of one-word clauses -> words the pair might be written as."""
    out = {}
    for index in range(len(clauses) - 1):
        first, second = single_word(clauses[index]), single_word(clauses[index + 1])
        if first and second:
            out[index] = list(dict.fromkeys([first + second, first + singular(second)]))
    return out


def split_candidates(word: str) -> list[tuple[str, str]]:
    """Every way to cut `word` into two halves of MIN_PART letters or more."""
    if word.isdigit():
        return []
    return [(word[:cut], word[cut:]) for cut in range(MIN_PART, len(word) - MIN_PART + 1)]


def vocabulary_words(clauses: list[Clause]) -> set[str]:
    """Every word whose presence in the vocabulary the rewrite may ask about."""
    wanted = {word for candidates in joined_candidates(clauses).values() for word in candidates}
    for clause in clauses:
        word = single_word(clause)
        if word:
            wanted.update({singular(word)} - {word})
            wanted.update(half for pair in split_candidates(word) for half in pair)
    return wanted


def rewrite(clauses: list[Clause], known, phrase_known=None) -> list[Clause]:
    """The clauses with their compound and plural alternatives, given `known(word) -> bool` (the vocabulary)
    and optionally `phrase_known(words) -> bool` (some product holds the phrase; default: both halves are
    known words)."""
    phrase_known = phrase_known or (lambda pair: all(known(half) for half in pair))
    extra = [[] for _clause in clauses]
    for index, candidates in joined_candidates(clauses).items():
        for word in candidates:
            if known(word):
                extra[index].append((word,))
                extra[index + 1].append((word,))
                break
    for index, clause in enumerate(clauses):
        word = single_word(clause)
        if not word:
            continue
        extra[index] += [pair for pair in split_candidates(word) if known(pair[0]) and known(pair[1])]
        extra[index] = [alt for alt in extra[index] if len(alt) == 1 or phrase_known(alt)]
        if not known(word) and singular(word) != word and known(singular(word)):
            extra[index].append((singular(word),))
    return [
        Clause(tuple(dict.fromkeys(clause.alternatives + tuple(more)))) if more else clause
        for clause, more in zip(clauses, extra, strict=True)
    ]


def known_words(clauses: list[Clause], memo: dict | None = None) -> set[str]:
    """The words of vocabulary_words(clauses) the vocabulary holds (one indexed lookup, none if no word).

    `memo`: answers kept for this index generation (search.backends.database_sql.GenerationMemo); words
    asked before cost no lookup."""
    wanted = sorted(vocabulary_words(clauses))
    if memo is None:
        return _held(wanted)
    missing = [word for word in wanted if ("term", word) not in memo]
    if missing:
        held = _held(missing)
        for word in missing:
            memo["term", word] = word in held
    return {word for word in wanted if memo["term", word]}


def _held(words) -> set[str]:
    return set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True)) if words else set()
