#!/usr/bin/env python3
"""Distinct job-order searches over the synthetic registry of `seed --synthetic N`.

Usage: bench/job_order_queries.py [COUNT] [AGENCIES] > queries.txt

Each line is a query string for GET /v1/job-orders. The mix: positions in
Uzbek and English (whole, a word, a prefix, a one-letter typo), employers'
names (whole, a word, with a position), countries and sectors, the open
filter, an agency or an employer's filter with and without a query.
Deterministic (seeded), so that runs compare.
"""
import random
import sys
import uuid
from urllib.parse import quote

SYLLABLES = ["ist", "iq", "bol", "yan", "gi", "uf", "ol", "tin", "sha", "rq", "meh", "nat", "zar", "ba", "kor", "nur"]
POSITIONS = ["Payvandchi welder", "Beton quyuvchi concrete worker", "Zavod ishchisi factory worker",
             "Haydovchi driver", "Oshpaz cook", "Qurilishchi builder", "Elektrik electrician",
             "Santexnik plumber", "Bogbon gardener", "Tikuvchi seamstress", "Omborchi warehouse worker",
             "Farrosh cleaner"]

count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
agencies = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
employers = agencies // 5
rng = random.Random(2)


def employer(e):
    name = "".join(SYLLABLES[((e * 7) >> (4 * k)) % 16] for k in range(3))
    return f"{name} Industries {e}"


def employer_id(e):
    return str(uuid.UUID(int=0x5E_0000_0000 + e))


def typo(w):
    i = rng.randrange(len(w))
    return w[:i] + rng.choice("aeioukst") + w[i + 1:]


seen = set()
while len(seen) < count:
    kind = rng.randrange(10)
    position = rng.choice(POSITIONS)
    word = rng.choice(position.split())
    e = rng.randrange(employers)
    if kind == 0:
        q = f"q={quote(position)}"
    elif kind == 1:
        q = f"q={quote(word)}&limit={rng.choice([10, 20, 50])}"
    elif kind == 2:
        q = f"q={quote(word[:rng.randint(3, max(3, len(word)))])}"
    elif kind == 3:
        q = f"q={quote(typo(word))}"
    elif kind == 4:
        q = f"q={quote(employer(e))}"
    elif kind == 5:
        q = f"q={quote(employer(e).split()[0] + ' ' + word)}"
    elif kind == 6:
        q = f"q={quote(word)}&country=KR&sector=construction&open=true"
    elif kind == 7:
        q = f"employer_id={employer_id(e)}&open={rng.choice(['true', 'false'])}"
    elif kind == 8:
        q = f"employer_id={employer_id(e)}&q={quote(word)}"
    else:
        q = f"open=true&limit={rng.choice([10, 20])}&country={rng.choice(['KR', 'JP'])}"
    seen.add(q)
for q in sorted(seen):
    print(q)
