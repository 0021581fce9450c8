"""The vendor-specific SQL of the database backend: SQLite FTS5, or PostgreSQL full-text search.

Both speak the same small vocabulary to search.backends.database: how many products hold each query word,
a boolean test per clause, a match source with its rank, and how the matched set comes back (ids, or
64-bit words of a bitmap from PostgreSQL, so that 100,000 matches are 1,600 rows).
"""

import difflib
import json
import threading

from .. import bitmaps
from ..text import Clause
from .database_postings import Postings, postings_from_rows

# FTS5 column weights, in the column order of migrations/0002 (title highest, description lowest).
BM25_WEIGHTS = "10.0, 5.0, 3.0, 3.0, 2.0, 1.0"
# ts_rank's weights of D, C, B, A (PostgreSQL's order): description and supplier 1, materials and clusters
# 3, category 5, title 10, as BM25_WEIGHTS (scaled to ts_rank's 0-1).
RANK_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}"


class GenerationMemo:
    """Answers about the vocabulary (word frequencies, close words) remembered for one index generation.

    They only change when the index does, and every index write gives the index a new token
    (search.bitmaps.touch_state), so they are kept per token: a search's plan then costs no round trip
    for words seen before. Bounded: past MAX_ENTRIES answers the memo starts again.
    """

    MAX_ENTRIES = 50_000

    def __init__(self):
        self._token = None
        self._answers = {}
        self._lock = threading.Lock()

    def answers(self):
        """This generation's answers (a dict to read and fill), or None when there is no generation to key
        them by (an empty index without a state row)."""
        token = bitmaps.loaded_token()
        if not token:
            return None
        with self._lock:
            if self._token != token or len(self._answers) > self.MAX_ENTRIES:
                self._token, self._answers = token, {}
            return self._answers

    def forget(self):
        with self._lock:
            self._token, self._answers = None, {}


class Dialect:
    """What both dialects share: vocabulary look-ups go through the generation memo first."""

    def __init__(self):
        self.memo = GenerationMemo()

    def word_frequencies(self, cursor, words) -> dict[str, int]:
        """Products holding each word (through its stem); 0 for stop words and unknown words."""
        return self._remembered("docs", words, lambda missing: self.count_words(cursor, missing))

    def phrase_frequencies(self, cursor, phrases) -> dict[str, int]:
        """Products holding each phrase ("table cloth"), words next to each other in one field."""
        return self._remembered("phrase", phrases, lambda missing: self.count_phrases(cursor, missing))

    def _remembered(self, kind, keys, count) -> dict[str, int]:
        answers = self.memo.answers()
        if answers is None:
            return count(keys)
        missing = [key for key in keys if (kind, key) not in answers]
        if missing:
            for key, docs in count(missing).items():
                answers[kind, key] = docs
        return {key: answers[kind, key] for key in keys}

    def documents(self, cursor, ids):
        """(product id, verification rank, publication time) rows of the indexed products (all when `ids`
        is None), the time as microseconds since 1970 or ISO text (database_postings.documents_from_rows)."""
        where, params = ("", []) if ids is None else self.ids_condition("product_id", ids)
        where = where and f"WHERE {where}"
        cursor.execute(
            f"SELECT product_id, verification_rank, {self.PUBLISHED} FROM product_search_entry {where}",
            params,
        )
        return cursor.fetchall()

    @staticmethod
    def changes_since(cursor, since):
        """The change log's (id, product id) rows after `since`, and its oldest id (None if empty)."""
        cursor.execute("SELECT id, product_id FROM product_search_change WHERE id > %s ORDER BY id", [since])
        rows = cursor.fetchall()
        cursor.execute("SELECT MIN(id) FROM product_search_change")
        return rows, cursor.fetchone()[0]

    @staticmethod
    def last_change(cursor) -> int:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM product_search_change")
        return cursor.fetchone()[0]

    def close_words(self, cursor, word) -> list[str]:
        answers = self.memo.answers()
        if answers is None:
            return self.find_close_words(cursor, word)
        if ("close", word) not in answers:
            answers["close", word] = self.find_close_words(cursor, word)
        return answers["close", word]


class PostgresDialect(Dialect):
    vendor = "postgresql"
    bits_are_words = True
    # ts_rank knows nothing of rarity: each clause's rank is multiplied by its idf weight (see `source`).
    weighs_rarity = True
    nulls_first = True  # in a DESC order
    ranks_per_document = True  # ts_rank reads one document
    PUBLISHED = "(EXTRACT(EPOCH FROM published_at) * 1000000)::bigint"

    @staticmethod
    def expression(clauses: list[Clause], operator: str) -> str:
        """A to_tsquery text: each clause is its alternatives OR-ed (phrases with <->), clauses joined by
        `operator` ('&' or '|'). Query words are \\w+ tokens, so they need no quoting."""
        return f" {operator} ".join(
            "(" + " | ".join(" <-> ".join(alt) for alt in clause.alternatives) + ")" for clause in clauses
        )

    def count_words(self, cursor, words) -> dict[str, int]:
        """Products holding each word (through its English lexeme); 0 for stop words and unknown words."""
        cursor.execute(
            "SELECT w.word, MIN(COALESCE(l.docs, 0)) FROM unnest(%s::text[]) AS w(word) "
            "LEFT JOIN LATERAL unnest(tsvector_to_array(to_tsvector('english', w.word))) AS x(lexeme) "
            "ON true "
            "LEFT JOIN product_search_lexeme l ON l.lexeme = x.lexeme GROUP BY w.word",
            [list(words)],
        )
        found = dict(cursor.fetchall())
        return {word: found.get(word) or 0 for word in words}

    def count_phrases(self, cursor, phrases) -> dict[str, int]:
        out = {}
        for phrase in phrases:
            cursor.execute(
                "SELECT COUNT(*) FROM product_search_entry "
                "WHERE search_vector @@ phraseto_tsquery('english', %s)",
                [phrase],
            )
            out[phrase] = cursor.fetchone()[0]
        return out

    def clause_test(self, clause) -> tuple[str, list]:
        return "e.search_vector @@ to_tsquery('english', %s)", [self.expression([clause], "|")]

    def source(self, clauses, operator, weights) -> tuple[str, list, str, list]:
        """(FROM ... WHERE for the matches, its params, rank expression, its params).

        ts_rank knows where a word is (title over description) but not how rare it is: for "handmade wool
        rugs" a carpet with "wool" in its title and "rug" in its description outranked the rugs. The rank is
        each clause's ts_rank times its idf weight, as bm25 does on SQLite, with the field weights of SQLite's
        bm25 (RANK_WEIGHTS) and the document's length dividing it (normalization 2), as bm25's length
        normalisation does (1 + log(length) was too weak: a carpet saying "wool carpet" twice in a long text
        outranked the short "wool kilim rug" for "handmade wool rugs"): the ranking contract
        (tests/search/test_ranking_contract.py) holds both to the same orderings. `weights` None: no rank
        wanted (0)."""
        where = "product_search_entry e WHERE e.search_vector @@ to_tsquery('english', %s)"
        if weights is None:
            return where, [self.expression(clauses, operator)], "0", []
        rank = " + ".join(
            f"{weight:.6f} * ts_rank('{RANK_WEIGHTS}', e.search_vector, to_tsquery('english', %s), 2)"
            for weight in weights
        )
        return (
            where,
            [self.expression(clauses, operator)],
            rank,
            [self.expression([clause], "|") for clause in clauses],
        )

    def clause_postings(self, cursor, clause, ids=None) -> Postings:
        """The products holding a clause (of `ids` only, if given) and its ts_rank in each (the rank term
        of `source`)."""
        expression = self.expression([clause], "|")
        among, params = ("", []) if ids is None else self.ids_condition("product_id", ids)
        among = among and f"AND {among}"
        cursor.execute(
            f"SELECT product_id, ts_rank('{RANK_WEIGHTS}', search_vector, to_tsquery('english', %s), 2) "
            "FROM product_search_entry WHERE search_vector @@ to_tsquery('english', %s) " + among,
            [expression, expression, *params],
        )
        return postings_from_rows(cursor.fetchall())

    @staticmethod
    def ids_condition(column, ids):
        return f"{column} = ANY(%s)", [list(ids)]

    @staticmethod
    def bits_select(relation, where) -> str:
        return (
            f"SELECT 0, product_id >> 6, bit_or(CAST(1 AS bigint) << (product_id & 63)) "
            f"FROM {relation} WHERE {where} GROUP BY 2"
        )

    def find_close_words(self, cursor, word) -> list[str]:
        cursor.execute(
            "SELECT word FROM product_search_term WHERE word %% %s "
            "ORDER BY similarity(word, %s) DESC, word LIMIT 8",
            [word, word],
        )
        return [row[0] for row in cursor.fetchall()]

    def suggest(self, cursor, typed, limit) -> list[int]:
        """Titles starting with what was typed first (a btree range scan), then titles whose words start
        with each typed word (the last one still being typed), from the GIN index."""
        prefix = " & ".join(f"{w}:*A" for w in typed)
        cursor.execute(
            "SELECT product_id FROM product_search_entry WHERE lower(title) LIKE %s LIMIT %s",
            [_like_prefix(typed), limit],
        )
        found = [row[0] for row in cursor.fetchall()]
        if len(found) < limit:
            cursor.execute(
                "SELECT product_id FROM product_search_entry "
                "WHERE search_vector @@ to_tsquery('english', %s) LIMIT %s",
                [prefix, limit * 2],
            )
            found = list(dict.fromkeys(found + [row[0] for row in cursor.fetchall()]))
        return found[:limit]


class SqliteDialect(Dialect):
    vendor = "sqlite"
    bits_are_words = True
    weighs_rarity = False  # bm25 already does
    nulls_first = False
    ranks_per_document = False  # bm25 reads the index's statistics (document count, average length, rarity)
    PUBLISHED = "published_at"  # ISO text, which numpy reads to the microsecond

    @staticmethod
    def expression(clauses: list[Clause], operator: str) -> str:
        joiner = {"&": " AND ", "|": " OR "}[operator]
        return joiner.join(
            "(" + " OR ".join('"' + " ".join(alt) + '"' for alt in clause.alternatives) + ")"
            for clause in clauses
        )

    def count_words(self, cursor, words) -> dict[str, int]:
        out = {}
        for word in words:
            cursor.execute(
                "SELECT COUNT(*) FROM product_search_fts WHERE product_search_fts MATCH %s", [f'"{word}"']
            )
            out[word] = cursor.fetchone()[0]
        return out

    def count_phrases(self, cursor, phrases) -> dict[str, int]:
        return self.count_words(cursor, phrases)  # a quoted "table cloth" is a phrase to FTS5

    def clause_test(self, clause) -> tuple[str, list]:
        return (
            "e.product_id IN (SELECT rowid FROM product_search_fts WHERE product_search_fts MATCH %s)",
            [self.expression([clause], "|")],
        )

    def source(self, clauses, operator, weights) -> tuple[str, list, str, list]:
        # bm25 already weighs each word by its rarity: the idf weights are PostgreSQL's business.
        if weights is None:
            return (
                "product_search_entry e JOIN (SELECT rowid AS id FROM product_search_fts "
                "WHERE product_search_fts MATCH %s) f ON f.id = e.product_id",
                [self.expression(clauses, operator)],
                "0",
                [],
            )
        return (
            "product_search_entry e JOIN (SELECT rowid AS id, -bm25(product_search_fts, "
            + BM25_WEIGHTS
            + ") AS score FROM product_search_fts WHERE product_search_fts MATCH %s) f "
            "ON f.id = e.product_id",
            [self.expression(clauses, operator)],
            "f.score",
            [],
        )

    def clause_postings(self, cursor, clause, ids=None) -> Postings:
        """The products holding a clause (of `ids` only, if given) and its bm25 in each: FTS5's bm25 of a
        query is the sum of its phrases' terms, so the sum over a query's clauses is the query's bm25."""
        among, params = ("", []) if ids is None else self.ids_condition("rowid", ids)
        among = among and f"AND {among}"
        cursor.execute(
            f"SELECT rowid, -bm25(product_search_fts, {BM25_WEIGHTS}) FROM product_search_fts "
            "WHERE product_search_fts MATCH %s " + among,
            [self.expression([clause], "|"), *params],
        )
        return postings_from_rows(cursor.fetchall())

    @staticmethod
    def ids_condition(column, ids):
        return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]

    @staticmethod
    def bits_select(relation, where) -> str:
        """64-bit words of the matched set, as PostgreSQL's bit_or gives them: 1,600 rows for 100,000
        matches instead of a row each. The ids are distinct, so SUM of their bits is their OR; bit 63 is
        SQLite's most negative integer, and no order of adding it to bits 0-62 overflows."""
        return (
            f"SELECT 0, product_id >> 6, SUM(1 << (product_id & 63)) FROM {relation} WHERE {where} GROUP BY 2"
        )

    def find_close_words(self, cursor, word) -> list[str]:
        # Same first letter, similar length, then difflib picks the close ones.
        cursor.execute(
            "SELECT word FROM product_search_term WHERE word LIKE %s AND length(word) BETWEEN %s AND %s",
            [word[0] + "%", len(word) - 2, len(word) + 2],
        )
        pool = [row[0] for row in cursor.fetchall()]
        return difflib.get_close_matches(word, pool, n=8, cutoff=0.75)

    def suggest(self, cursor, typed, limit) -> list[int]:
        phrase = " ".join(f'"{w}"' for w in typed[:-1]) + f' "{typed[-1]}"*'
        cursor.execute(
            "SELECT rowid FROM product_search_fts WHERE product_search_fts MATCH %s "
            "ORDER BY lower(title) LIKE %s ESCAPE '\\' DESC, rank LIMIT %s",
            [f"title : ({phrase.strip()})", _like_prefix(typed), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _like_prefix(typed) -> str:
    """A LIKE pattern for titles starting with the typed words (backslash escapes _ and %)."""
    text = " ".join(typed)
    return text.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"


_DIALECTS = {"postgresql": PostgresDialect(), "sqlite": SqliteDialect()}


def dialect_for(vendor):
    """The vendor's dialect: one per process, so its memo serves every search."""
    return _DIALECTS["postgresql" if vendor == "postgresql" else "sqlite"]
