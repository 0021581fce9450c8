"""The offline relevance harness's data and rules (issue 21): the buyer queries (queries.py), the judge that
grades the demo catalog against them by written rules (judge.py, RULES.md), the judged file (judged.tsv) and
the metrics (metrics.py). bench/relevance.py runs the queries through our search and prints the figures."""
