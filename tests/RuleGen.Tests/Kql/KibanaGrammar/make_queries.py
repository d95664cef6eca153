#!/usr/bin/env python3
"""Random KQL-like queries for the differential cases (see README.md): COUNT queries of MODE 'tokens' (random
runs of KQL's pieces, or mutated queries of Elastic's AWS pack) or 'structured' (queries built by the grammar's shape,
with random whitespace, escapes, keywords and a stray piece now and then), one JSON string a line.
Usage: make_queries.py MODE COUNT SEED [AWS_PACK_JSON] > queries.jsonl"""
import json, random, sys

mode, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
pack = [q["query"] for q in json.load(open(sys.argv[4]))["queries"]] if len(sys.argv) > 4 else []

TOKENS = ['a', 'b', 'foo', 'x.y', 'f*', '*', '**', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', ':', ': ', ' :', '(', ')', '{',
          '}', '<', '<=', '>', '>=', '=', '"', '"x"', '"a b"', '"\\"', '"\\\\"', '"*"', '\\', '\\\\', '\\"', '\\*', '\\:', '\\(',
          '\\)', '\\t', '\\n', '\\r', '\\u0041', '\\u00a', '\\U0041', '\\ ', ' and ', ' or ', 'not ', ' AND ', ' Or ', 'NOT ',
          'and', 'or', 'not', ' and', ' or', 'and ', 'or ', ' not ', '\\and', '\\or', '\\not', '\\NOT', '\\Or', 'null', 'true',
          'false', '?', 'cannot ', '1', '-2', '\u00e9', '@', '\u0000', '\U0001F600', '"\\t"', '"\\u0041"', '"a\\q"']

def tokens():
    if pack and rng.random() < 0.3:
        q = rng.choice(pack)
        for _ in range(rng.randint(1, 3)):
            p, k = rng.randint(0, len(q)), rng.random()
            if k < 0.33: q = q[:p] + q[p + rng.randint(1, 3):]
            elif k < 0.66: q = q[:p] + rng.choice(TOKENS) + q[p:]
            else: q = q[:p] + rng.choice(TOKENS) + q[p + 1:]
        return q
    return ''.join(rng.choice(TOKENS) for _ in range(rng.randint(1, 12)))

SPACES = [' ', '  ', '\t', '\n', '\u00a0', '', ' \r\n ']
def ws(p=0.7): return rng.choice(SPACES[:4]) if rng.random() < p else rng.choice(SPACES)

def literal():
    if rng.random() < 0.3:
        inner = ['a', ' ', '*', '\\"', '\\\\', '\\t', '\\u00e9', '\\q', '\n', ':', '(', 'or', 'not ', '{']
        return '"' + ''.join(rng.choice(inner) for _ in range(rng.randint(0, 4))) + '"'
    parts = ['a', 'b', 'x', '*', '\\*', '\\:', '\\\\', '\\(', '\\"', '\\t', '\\u0041', ' ', 'or', 'and', 'not', '\\and', '\\or',
             '\\not', '\\NOT', 'null', 'true', '?', '-', '1', '.', '\u00e9', '\u2003', '@']
    return ''.join(rng.choice(parts) for _ in range(rng.randint(1, 4)))

def values(depth):
    r = rng.random()
    if depth <= 0 or r < 0.4: return literal()
    if r < 0.6: return 'not' + ws(1) + values(depth - 1) if rng.random() < 0.5 else 'not (' + values(depth - 1) + ')'
    op = rng.choice([' or ', ' and ', ' OR ', ' And ', ws() + 'or' + ws(), ws() + 'and' + ws()])
    return '(' + ws(0.3) + op.join(values(depth - 1) for _ in range(rng.randint(2, 3))) + ws(0.3) + ')'

def query(depth):
    r = rng.random()
    if depth <= 0 or r < 0.35:
        k = rng.random()
        if k < 0.5: return literal() + ws(0.3) + ':' + ws(0.5) + values(2)
        if k < 0.7: return literal() + ws(0.5) + rng.choice(['<', '<=', '>', '>=', '=<']) + ws(0.5) + literal()
        if k < 0.8: return literal() + ':' + ws(0.5) + '{' + ws(0.5) + query(depth - 1) + ws(0.5) + '}'
        return literal()
    if r < 0.5: return rng.choice(['not ', 'NOT ', 'not\t', 'not', 'not  ']) + ('(' + query(depth - 1) + ')' if rng.random() < 0.6 else query(depth - 1))
    if r < 0.65: return '(' + ws(0.3) + query(depth - 1) + ws(0.3) + ')'
    op = rng.choice([' or ', ' and ', ' OR ', ' AND ', ws() + 'or' + ws(), ws() + 'and' + ws(), ' '])
    return op.join(query(depth - 1) for _ in range(rng.randint(2, 3)))

def structured():
    q = query(rng.randint(0, 4))
    if rng.random() < 0.2:
        p = rng.randint(0, len(q))
        q = q[:p] + rng.choice(['(', ')', '"', '\\', ':', '{', '}', ' and', ' or ', 'not ', '*']) + q[p:]
    return q

make = tokens if mode == 'tokens' else structured
for _ in range(count):
    print(json.dumps(make()))
