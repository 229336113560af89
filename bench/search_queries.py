#!/usr/bin/env python3
"""Distinct agency searches over the synthetic registry of `seed --synthetic N`.

Usage: bench/search_queries.py [COUNT] [AGENCIES] > queries.txt

Each line is a query string for GET /v1/agencies. The mix: exact names, a
name's word alone, common single words (alone and with filters), one-letter
typos, 3-6 letter prefixes, taxpayer ids, loosely typed licence numbers, and
filters with and without a query. Deterministic (seeded), so that runs compare.
"""
import random
import sys
from urllib.parse import quote

SYLLABLES = ["ist", "iq", "bol", "yan", "gi", "uf", "ol", "tin", "sha", "rq", "meh", "nat", "zar", "ba", "kor", "nur"]
REGIONS = ["UZ-AN", "UZ-BU", "UZ-FA", "UZ-JI", "UZ-NG", "UZ-NW", "UZ-QA", "UZ-QR", "UZ-SA", "UZ-SI", "UZ-SU", "UZ-TK", "UZ-TO", "UZ-XO"]
STATUSES = ["active", "suspended", "expired", "revoked"]
SECTORS = ["construction", "care", "agriculture"]
DESTINATIONS = ["KR", "JP", "DE"]

count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
agencies = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(1)


def word(i):
    return "".join(SYLLABLES[(i >> (4 * k)) % 16] for k in range(3))


def typo(w):
    i = rng.randrange(len(w))
    kind = rng.randrange(3)
    if kind == 0:
        return w[:i] + rng.choice("aeioukmnrst") + w[i + 1:]
    if kind == 1 and len(w) > 4:
        return w[:i] + w[i + 1:]
    j = min(i + 1, len(w) - 1)
    return w[:i] + w[j] + w[i] + w[j + 1:] if i != j else w + "a"


def q(text, **filters):
    parts = [f"q={quote(text)}"] if text else []
    parts += [f"{k}={v}" for k, v in filters.items()]
    return "&".join(parts)


def page():
    """Most apps ask for the default page of 20; some page further or ask for more."""
    return {"limit": rng.choice([10, 50, 100])} if rng.random() < 0.2 else {}


def some_filters():
    f = {}
    if rng.random() < 0.6:
        f["region"] = rng.choice(REGIONS)
    if rng.random() < 0.4:
        f["license_status"] = rng.choice(STATUSES)
    if rng.random() < 0.3:
        f["destination"] = rng.choice(DESTINATIONS)
    if rng.random() < 0.3:
        f["sector"] = rng.choice(SECTORS)
    if not f:
        f["region"] = rng.choice(REGIONS)
    return f


makers = [
    (25, lambda i: q(f"{word(i)} Synthetic {i}")),
    (8, lambda i: q(word(i))),
    # Few common words exist: page sizes make their searches distinct.
    (7, lambda i: q(rng.choice(["synthetic", "Synthetic", "SYNTHETIC"] + SYLLABLES), limit=rng.randint(1, 100))),
    (5, lambda i: q(rng.choice(["synthetic"] + SYLLABLES), **some_filters())),
    (15, lambda i: q(typo(word(i)) + rng.choice(["", " synthetic", f" {i}"]))),
    (12, lambda i: q(word(i)[: rng.randint(3, 6)], **page())),
    (8, lambda i: q(f"8{i:08d}")),
    (8, lambda i: q(rng.choice([f"sy {i:06d}", f"SY/{i:06d}", f"sy-{i:06d}", f"Sy.{i:06d}", f"SY {i:06d}"]))),
    (7, lambda i: q(word(i), **some_filters())),
    (5, lambda i: q("", **some_filters(), **page())),
]
weights = [w for w, _ in makers]
seen = set()
while len(seen) < count:
    make = rng.choices(makers, weights)[0][1]
    line = make(rng.randrange(agencies))
    if line not in seen:
        seen.add(line)
        print(line)
