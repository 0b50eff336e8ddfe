#!/usr/bin/env python3
"""An independent verifier of Samples draw bundles, written from draw/spec/draw-spec.md, draw/README.md,
draw/spec/bundle.schema.json and the vectors alone (no look at the project's implementation).

usage: python3 verify_bundle.py BUNDLE.json [FRAMES_DIR] [--commitment HASH] [--bundle-sha256 HASH]

Prints one line per difference; exit 0 when everything verifies, 1 otherwise (2: unreadable input).
Python 3 standard library only.
"""
import datetime
import decimal
import gzip
import hashlib
import heapq
import json
import math
import os
import re
import sys

D = decimal.Decimal
decimal.getcontext().prec = 100

PARTS = ["commitment", "contributions", "reveal", "picks", "alternates", "teams", "pools", "replacements", "alternateUses"]
REVEAL_FIELDS = ["format", "nonce", "revealedAt", "entropy", "targetSeed", "inspectorSeed"]
V1, V2 = "samples-draw-bundle-v1", "samples-draw-bundle-v2"
MARKS = ["abnormal-operation", "key-category", "key-supervision", "tourist-site"]
REPLACED = "target replaced by an alternate"

problems = []


def problem(text):
    problems.append(text)


# ---------------------------------------------------------------- §1 tickets

def sha256_hex(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def sha256_uniform(s):
    return "0." + str(int(sha256_hex(s), 16)).rjust(64, "0")[::-1]


def ticket(id_, seed_hash):
    """seed_hash = sha256_hex(seed), computed once per seed."""
    return sha256_uniform(seed_hash + id_)


def next_fraction(x):
    x0 = x + "0"
    p = 2
    while x0[p] == "9":
        p += 1
    i, y = 0, "0."
    while y <= x0:
        i += 1
        y = x0[:p] + sha256_uniform(x + ":" + str(i))[2:]
    return y


class Stream:
    """Sampling with replacement over ids (§1): emits the smallest (ticket, id), then re-enters the id with next_fraction."""

    def __init__(self, ids, seed):
        h = sha256_hex(seed)
        self.heap = [(ticket(i, h), i, 1) for i in ids]
        heapq.heapify(self.heap)
        self.position = 0

    def next(self):
        t, i, g = heapq.heappop(self.heap)
        heapq.heappush(self.heap, (next_fraction(t), i, g + 1))
        self.position += 1
        return i, t, g


def self_test():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "draw", "spec", "vectors", "draw-vectors.json")
    if not os.path.exists(path):
        return
    v = json.load(open(path, encoding="utf-8"))
    for c in v.get("sha256_uniform", []):
        assert sha256_uniform(c["input"]) == c["output"], c
    for c in v.get("tickets", []):
        assert ticket(c["id"], sha256_hex(c["seed"])) == c["ticket"], c
    for c in v.get("streams", []):
        s = Stream(c["ids"], c["seed"])
        got = [s.next() for _ in range(c["take"])]
        want = [(e["id"], e["ticket"], e["generation"]) for e in c["emissions"]]
        assert got == want, c["seed"]


# ---------------------------------------------------------------- JSON reading

class Duplicate(Exception):
    pass


def pairs(items):
    out = {}
    for k, v in items:
        if k in out:
            raise Duplicate(k)
        out[k] = v
    return out


def load(text):
    return json.loads(text, object_pairs_hook=pairs, parse_float=D)


def raw_members(text):
    """The top-level object's members as (name, raw text of the value), in file order (for v1 seals)."""
    dec = json.JSONDecoder()
    ws = " \t\r\n"
    i = 0
    while text[i] in ws:
        i += 1
    assert text[i] == "{"
    i += 1
    out = {}
    while True:
        while text[i] in ws:
            i += 1
        if text[i] == "}":
            return out
        if text[i] == ",":
            i += 1
            continue
        name, i = json.decoder.scanstring(text, i + 1)
        while text[i] in ws:
            i += 1
        assert text[i] == ":"
        i += 1
        while text[i] in ws:
            i += 1
        _, end = dec.raw_decode(text, i)
        out[name] = text[i:end]
        i = end


def compact(raw):
    """Removes whitespace outside strings."""
    out, in_str, esc = [], False, False
    for ch in raw:
        if in_str:
            out.append(ch)
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
            out.append(ch)
        elif ch not in " \t\r\n":
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------- JCS (RFC 8785)

def es_number(x):
    """ECMAScript Number.prototype.toString of a double."""
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    r = repr(abs(x))  # shortest round-trip digits
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?(?:e([+-]\d+))?", r)
    ip, fp, ex = m.group(1), m.group(2) or "", int(m.group(3) or 0)
    digits = (ip + fp).lstrip("0")
    n = len(ip) + ex - (len(ip + fp) - len((ip + fp).lstrip("0")))  # position of the decimal point after the first digit
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        s = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))
    return sign + s


def jcs_string(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20:
            out.append("\\u%04x" % o)
        elif 0xD800 <= o <= 0xDFFF:
            raise ValueError("lone surrogate")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jcs(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return jcs_string(v)
    if isinstance(v, int):
        f = float(v)
        if int(f) != v:
            raise ValueError("integer %d changes as a double" % v)
        return es_number(f)
    if isinstance(v, D):
        f = float(v)
        if math.isinf(f):
            raise ValueError("number beyond the double's range")
        if D(repr(f)) != v:
            raise ValueError("decimal %s changes as a double" % v)
        return es_number(f)
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v.keys(), key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(jcs_string(k) + ":" + jcs(v[k]) for k in keys) + "}"
    raise ValueError("not JSON: %r" % (v,))


def jcs_sha(v):
    return hashlib.sha256(jcs(v).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- the JSON Schema (the subset bundle.schema.json uses)

def schema_check(value, schema, root, where):
    if "$ref" in schema:
        ref = schema["$ref"]
        node = root
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        schema_check(value, node, root, where)
    if "oneOf" in schema:
        ok = 0
        for option in schema["oneOf"]:
            saved = len(problems)
            schema_check(value, option, root, where)
            if len(problems) == saved:
                ok += 1
            del problems[saved:]
        if ok != 1:
            problem("schema: %s matches %d of oneOf, not one" % (where, ok))
        return
    if "const" in schema and value != schema["const"]:
        problem("schema: %s is %r, expected %r" % (where, value, schema["const"]))
    if "enum" in schema and value not in schema["enum"]:
        problem("schema: %s is %r, not one of %r" % (where, value, schema["enum"]))
    t = schema.get("type")
    if t is not None:
        types = t if isinstance(t, list) else [t]
        kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
        def is_(k):
            if k == "integer":
                return isinstance(value, int) and not isinstance(value, bool)
            if k == "number":
                return isinstance(value, (int, D)) and not isinstance(value, bool)
            return isinstance(value, kinds[k])
        if not any(is_(k) for k in types):
            problem("schema: %s is not of type %s" % (where, t))
            return
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for r in schema.get("required", []):
            if r not in value:
                problem("schema: %s has no member '%s'" % (where, r))
        for k, v in value.items():
            if k in props:
                schema_check(v, props[k], root, where + "." + k)
            elif schema.get("additionalProperties") is False:
                problem("schema: %s has a member '%s' the format does not have" % (where, k))
    if isinstance(value, list) and "items" in schema:
        for n, v in enumerate(value):
            schema_check(v, schema["items"], root, "%s[%d]" % (where, n))
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        problem("schema: %s '%s' does not match %s" % (where, value, schema["pattern"]))
    if isinstance(value, (int, D)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            problem("schema: %s is below %s" % (where, schema["minimum"]))
        if "maximum" in schema and value > schema["maximum"]:
            problem("schema: %s is above %s" % (where, schema["maximum"]))


def check_schema(b):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "draw", "spec", "bundle.schema.json")
    if not os.path.exists(path):
        return
    root = json.load(open(path, encoding="utf-8"), parse_float=D)
    if b.get("format") == V1:
        # v1 and v2 differ in the seals only (README "The bundle")
        root = dict(root, properties=dict(root["properties"], format={"const": V1}))
    schema_check(b, root, root, "bundle")


# ---------------------------------------------------------------- frames

def read_frame_file(folder, name, sha):
    if folder is None:
        return None
    for f in [name + ".csv", name + ".csv.gz", sha + ".csv", sha + ".csv.gz"]:
        p = os.path.join(folder, f)
        if os.path.exists(p):
            data = open(p, "rb").read()
            return gzip.decompress(data) if f.endswith(".gz") else data
    return None


def parse_frame(label, data, header, fields):
    """Checks the canonical form (§2, README 'Frames') and returns the rows as lists of fields."""
    if data.startswith(b"\xef\xbb\xbf"):
        problem("%s: starts with a byte-order mark" % label)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        problem("%s: not UTF-8" % label)
        return None
    if "\r" in text:
        problem("%s: carriage return (not canonical)" % label)
        return None
    if not text.endswith("\n"):
        problem("%s: the last line does not end with \\n" % label)
        return None
    lines = text[:-1].split("\n")
    if lines[0] != header:
        problem("%s: header is '%s', expected '%s'" % (label, lines[0], header))
        return None
    rows, last = [], None
    for n, line in enumerate(lines[1:], start=2):
        parts = line.split(",")
        if len(parts) != fields or any(p == "" for p in parts):
            problem("%s line %d: expected %d non-empty fields" % (label, n, fields))
            return None
        if last is not None and not (last < parts[0]):
            problem("%s line %d: id '%s' not after '%s' (sorted, no duplicates)" % (label, n, parts[0], last))
            return None
        last = parts[0]
        rows.append(parts)
    return rows


def inspector_rows(rows, label):
    out = []
    for r in rows:
        regions, quals = r[2].split(";"), r[3].split(";")
        for lst, what in ((regions, "regions"), (quals, "qualifications")):
            if lst != sorted(set(lst)) or any(x == "" for x in lst):
                problem("%s: %s of %s not sorted, unique and non-empty" % (label, what, r[0]))
        if not re.fullmatch(r"0|[1-9][0-9]*", r[4]):
            problem("%s: capacity of %s is not a non-negative integer without sign or leading zeros" % (label, r[0]))
            cap = 0
        else:
            cap = int(r[4])
        out.append({"id": r[0], "unit": r[1], "regions": set(regions), "quals": set(quals), "capacity": cap})
    return out


# ---------------------------------------------------------------- times

def parse_time(s):
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})", s or "")
    if not m:
        raise ValueError("not an ISO 8601 time with offset: %r" % (s,))
    frac = D("0." + m.group(2)) if m.group(2) else D(0)
    base = datetime.datetime.fromisoformat(m.group(1) + ("+00:00" if m.group(3) == "Z" else m.group(3)))
    return D(int(base.timestamp())) + frac


# ---------------------------------------------------------------- quotas (§4, §6.6)

def dec_text(v):
    # the digits the commitment's JSON has (parse_float=Decimal keeps them; an integer is written as is)
    return str(v)


def quota_for(stratum, n, q):
    parts = stratum.split("|")
    fixed = {f["stratum"]: f["count"] for f in q["fixed"]}
    if stratum in fixed:
        c = fixed[stratum]
        # ", capped at N" is literal text, the letter N (what the bundles show; §6.6 reads as if N were the number)
        return (min(c, n), "fixed %d" % c + (", capped at N" if c > n else ""))
    cls = parts[2]
    if q["allAtClassD"] and cls == "D":
        return (n, "all at class D (key items)")
    ratios = {r["riskClass"]: r["ratio"] for r in q["ratios"]}
    if cls not in ratios:
        return (0, "no rule for class %s" % cls)
    r = D(ratios[cls])
    text = dec_text(ratios[cls])
    if len(parts) == 4:
        weights = {w["mark"]: w["factor"] for w in (q.get("weights") or [])}
        for mark in parts[3].split("+"):
            if mark not in weights:
                raise ValueError("stratum %s: mark %s has no weight" % (stratum, mark))
            r *= D(weights[mark])
            text += " × " + dec_text(weights[mark])
        if r > 1:
            r = D(1)
            text = "min(1, %s)" % text
    c = int((r * n).to_integral_value(rounding=decimal.ROUND_CEILING))
    rule = "ceil(%s × %d) = %d" % (text, n, c)
    if c > n:
        rule += ", capped at N"  # a guess by analogy with "fixed": unreachable while ratios and min(1, …) are at most 1
        c = n
    return (c, rule)


def pacing_shares(size, counts, q):
    """README "Pacing": the round's fixed numbers as shares of roundSize. Guesses (the README is short here): the
    plan's own rule is the quota rule with fixed = baseFixed; a stratum that rule takes whole at class D gets all its
    members; the rest of the round is shared among the other strata in proportion to what the plan's rule gives
    them, a share above a stratum's members is cut to them and the remainder shared again among the others; floors,
    then one more to the largest remainders, ties by stratum key (ordinal)."""
    from fractions import Fraction as F
    base_rules = dict(q, fixed=q["pacing"]["baseFixed"], pacing=None)
    shares, weights = {}, {}
    for st in sorted(counts):
        k, rule = quota_for(st, counts[st], base_rules)
        if rule.startswith("all at class D"):
            shares[st] = counts[st]
        else:
            weights[st] = k
    rest = max(0, size - sum(shares.values()))
    while True:
        total = sum(weights.values())
        if total == 0:
            for st in weights:
                shares[st] = 0
            break
        exact = {st: F(rest * w, total) for st, w in weights.items()}
        over = [st for st in exact if exact[st] > counts[st]]
        if not over:
            floors = {st: int(x) for st, x in exact.items()}
            left = rest - sum(floors.values())
            for st in sorted(exact, key=lambda st: (-(exact[st] - floors[st]), st))[:left]:
                floors[st] += 1
            shares.update(floors)
            break
        for st in over:
            shares[st] = counts[st]
            rest -= counts[st]
            del weights[st]
    mine = sorted((st, n) for st, n in shares.items() if n > 0)
    theirs = sorted((f["stratum"], f["count"]) for f in q["fixed"])
    if mine == theirs:
        return []
    return ["pacing: the round's fixed numbers are %s, recomputed %s" % (theirs, mine)]


def valid_stratum(s):
    p = s.split("|")
    if len(p) == 3:
        return all(p)
    if len(p) == 4 and all(p):
        m = p[3].split("+")
        return all(x in MARKS for x in m) and m == sorted(set(m))
    return False


# ---------------------------------------------------------------- the verifier

def enterprise_of(target_id):
    p = target_id.split("|")
    return p[1] if len(p) > 1 else target_id


def verify(b, raw, frames_dir):
    c = b["commitment"]
    fmt = b.get("format")
    if fmt not in (V1, V2):
        problem("format: '%s' is neither %s nor %s" % (fmt, V1, V2))
        return
    if c.get("algorithm") != "ssj-consistent-v1":
        problem("commitment algorithm: '%s', expected ssj-consistent-v1" % c.get("algorithm"))

    # ---- frames: hashes and canonical form
    inline = b.get("frames") or {}
    texts = {}
    for key, name, label, shakey in (("targets", "targets", "target frame", "targetFrameSha256"),
                                      ("inspectors", "inspectors", "inspector frame", "inspectorFrameSha256"),
                                      ("exclusions", "exclusions", "exclusions", "exclusionsSha256")):
        data = inline.get(key)
        data = data.encode("utf-8") if data is not None else read_frame_file(frames_dir, name, c[shakey])
        if data is None:
            problem("%s: not in the bundle and not given (FRAMES_DIR)" % label)
            continue
        got = hashlib.sha256(data).hexdigest()
        if got != c[shakey]:
            problem("%s: sha256 %s, commitment says %s" % (label, got, c[shakey]))
        texts[key] = data
    if len(texts) < 3:
        return
    trows = parse_frame("target frame", texts["targets"], "id,stratum", 2)
    irows = parse_frame("inspector frame", texts["inspectors"], "id,unit,regions,qualifications,capacity", 5)
    xrows = parse_frame("exclusions", texts["exclusions"], "id,reason", 2)
    if trows is None or irows is None or xrows is None:
        return
    inspectors = inspector_rows(irows, "inspector frame")
    excluded = {r[0] for r in xrows}
    for r in trows:
        if not valid_stratum(r[1]):
            problem("target frame: '%s' of %s is not a stratum" % (r[1], r[0]))
    # Guess (the documents do not say): the frames list the eligible members, exclusions are published beside them;
    # an excluded id that is also in a frame is reported, not silently dropped.
    for r in trows:
        if r[0] in excluded:
            problem("target frame: %s is also in the exclusions" % r[0])
    for r in inspectors:
        if r["id"] in excluded:
            problem("inspector frame: %s is also in the exclusions" % r["id"])

    # ---- nonce, order of events, beacon
    nonce = b["nonce"]
    if not re.fullmatch(r"[0-9a-f]{64}", nonce or ""):
        problem("nonce: not 64 lowercase hex characters")
    elif hashlib.sha256(bytes.fromhex(nonce)).hexdigest() != c["nonceSha256"]:
        problem("nonce: its sha256 is not the commitment's nonceSha256")
    beacon = c.get("beacon")
    try:
        committed, deadline, revealed = parse_time(c["committedAt"]), parse_time(c["entropyDeadline"]), parse_time(b["revealedAt"])
        prev = committed
        for i, k in enumerate(b["contributions"], start=1):
            at = parse_time(k["at"])
            is_beacon = beacon is not None and k["source"] == beacon["source"]
            if not at > committed:
                problem("contribution %d: at %s, not after committedAt" % (i, k["at"]))
            if at < prev:
                problem("contribution %d: at %s, before the previous one" % (i, k["at"]))
            if at > deadline and not is_beacon:
                problem("contribution %d: at %s, after the entropy deadline" % (i, k["at"]))
            if not revealed > at:
                problem("contribution %d: at %s, not before the reveal" % (i, k["at"]))
            prev = at
        if not revealed > committed:
            problem("revealedAt: not after committedAt")
        if beacon is not None:
            chains = {"quicknet": (1692803367, 3), "default": (1595431050, 30)}
            if beacon["source"] != "drand %s round %d" % (beacon["chain"], beacon["round"]):
                problem("beacon: source '%s' is not 'drand <chain> round <round>'" % beacon["source"])
            emitted = parse_time(beacon["emittedAt"])
            if beacon["chain"] in chains:
                g, p = chains[beacon["chain"]]
                if emitted != g + (beacon["round"] - 1) * p:
                    problem("beacon: round %d of %s is not emitted at %s" % (beacon["round"], beacon["chain"], beacon["emittedAt"]))
            else:
                problem("beacon: unknown chain '%s'" % beacon["chain"])
            if not (emitted > committed and emitted <= deadline):
                problem("beacon: round emitted at %s, not after the commitment and by the deadline" % beacon["emittedAt"])
            mine = [k for k in b["contributions"] if k["source"] == beacon["source"]]
            if len(mine) != 1:
                problem("beacon: %d contributions from it, not one" % len(mine))
            for k in mine:
                if parse_time(k["at"]) < emitted:
                    problem("beacon: its contribution is dated before the round was emitted")
                if not re.fullmatch(r"[0-9a-f]{64}", k["value"]):
                    problem("beacon: its contribution's value is not 64 lowercase hex")
        for k in b["contributions"]:
            s = k["source"]
            if (beacon is None or s != beacon["source"]) and (s.startswith("drand") or s.startswith("nist") or "beacon" in s or "信标" in s):
                problem("contribution '%s': claims a beacon the commitment did not name" % s)
    except ValueError as e:
        problem("times: %s" % e)

    # ---- entropy and seeds
    entropy = sha256_hex("|".join([nonce] + [k["value"] for k in b["contributions"]]))
    tseed = "SSJ-v1|targets|%s|%s|%s" % (c["drawId"], c["targetFrameSha256"], entropy)
    iseed = "SSJ-v1|inspectors|%s|%s|%s" % (c["drawId"], c["inspectorFrameSha256"], entropy)
    for name, mine in (("entropy", entropy), ("targetSeed", tseed), ("inspectorSeed", iseed)):
        if b[name] != mine:
            problem("%s: bundle says %s, recomputed %s" % (name, b[name], mine))

    # ---- quotas
    rules = c["rules"]
    q = rules["quotas"]
    strata = {}
    for r in trows:
        strata.setdefault(r[1], []).append(r[0])
    keys = sorted(strata)
    quotas = []
    for s in keys:
        try:
            k, rule = quota_for(s, len(strata[s]), q)
        except ValueError as e:
            problem("quota: %s" % e)
            k, rule = 0, "error"
        quotas.append({"stratum": s, "members": len(strata[s]), "quota": k, "alternates": min(q["alternates"], len(strata[s]) - k), "rule": rule})
    if q.get("pacing") is not None:
        pc = q["pacing"]
        need = max(D(0), D(pc["goal"]) - D(pc["concluded"]) - D(pc["inProgress"]))
        fail = min(D(pc["couldNotBeSampled"]) / D(pc["attempted"]), D(pc["marginCap"])) if pc["attempted"] else D(0)
        size = int((need / D(pc["roundsLeft"]) / (1 - fail)).to_integral_value(rounding=decimal.ROUND_CEILING))
        if size != pc["roundSize"]:
            problem("pacing: roundSize %d, recomputed %d" % (pc["roundSize"], size))
        for line in pacing_shares(pc["roundSize"], {k: len(v) for k, v in strata.items()}, q):
            problem(line)
    bq = c["quotas"]
    if len(bq) != len(quotas):
        problem("quotas: bundle has %d strata, recomputed %d" % (len(bq), len(quotas)))
    # §6.6: a rule text's decimals are compared by value (0.20 and 0.2 alike), as a re-encoder may shorten them.
    def by_value(q):
        return dict(q, rule=re.sub(r"\d+\.\d+", lambda m: m.group(0).rstrip("0").rstrip("."), q["rule"])) if isinstance(q.get("rule"), str) else q

    for mine, theirs in zip(quotas, bq):
        if by_value(mine) != by_value(theirs):
            problem("quota %s: bundle says %s, recomputed %s" % (mine["stratum"], json.dumps(theirs, ensure_ascii=False, default=str),
                                                              json.dumps(mine, ensure_ascii=False)))

    # ---- picks and alternates
    th = sha256_hex(tseed)
    picks, alternates = [], []
    for qq in quotas:
        s = qq["stratum"]
        order = sorted((ticket(i, th), i) for i in strata[s])
        for t, i in order[:qq["quota"]]:
            picks.append({"stratum": s, "id": i, "ticket": t, "generation": 1})
        for t, i in order[qq["quota"]:qq["quota"] + qq["alternates"]]:
            alternates.append({"stratum": s, "id": i, "ticket": t, "generation": 1})
    compare_list("pick", picks, b["picks"], key="stratum")
    compare_list("alternate", alternates, b["alternates"], key="stratum")

    # ---- teams
    tr = rules["teams"]
    size, per_member = tr["size"], tr["emissionsPerSlotPerMember"]
    departments = tr.get("departments")
    unit_of = {r["id"]: r["unit"] for r in inspectors}
    cap = {r["id"]: r["capacity"] for r in inspectors}
    known = set(unit_of)
    period = tr["inspectedWithinDays"]
    draw_date = datetime.date.fromisoformat(c["drawDate"])
    # (inspector, enterprise text) pairs: a fact names a target by its enterprise or its whole id (§6.5)
    conflicts = {(f["inspectorId"], f["enterprise"]) for f in c["conflicts"] if f["inspectorId"] in known}
    inspections = {(f["inspectorId"], f["enterprise"]) for f in c["inspections"] if f["inspectorId"] in known
                   and period > 0 and draw_date - datetime.timedelta(days=period) <= datetime.date.fromisoformat(f["date"]) <= draw_date}
    load = {}
    withdrew = set()
    streams = {}
    pool_members = {}

    def pool_of(stratum):
        p = stratum.split("|")
        return p[0] + "|" + p[1]

    def stream(pool):
        if pool not in streams:
            region, cat = pool.split("|")
            members = [r["id"] for r in inspectors if region in r["regions"] and cat in r["quals"]]
            pool_members[pool] = members
            streams[pool] = Stream(members, iseed + "|" + pool) if members else None
        return streams[pool]

    def missing(ids):
        units = {unit_of[i] for i in ids}
        return sum(1 for d in departments if not (units & set(d["units"])))

    def rule_for(target, members, e, check_capacity):
        if e in members:
            return "already on this team"
        if (target, e) in withdrew:
            return "withdrew from this team"
        if check_capacity and load.get(e, 0) >= cap[e]:
            return "no capacity left"
        ent = enterprise_of(target)
        if (e, ent) in conflicts or (e, target) in conflicts:
            return "recused by declared conflict"
        if (e, ent) in inspections or (e, target) in inspections:
            return "inspected within the period"
        if tr["forbidSingleUnit"] and len(members) == size - 1 and all(unit_of[m] == unit_of[e] for m in members):
            return "all from one unit"
        if departments and missing(members + [e]) > size - (len(members) + 1):
            return "department missing from the team"
        return None

    def fill_slot(target, pool, members, emissions, check_capacity=True):
        s = stream(pool)
        if s is None:
            return None
        for _ in range(per_member * len(pool_members[pool])):
            i, t, g = s.next()
            rule = rule_for(target, members, i, check_capacity)
            emissions.append({"inspectorId": i, "ticket": t, "generation": g, "accepted": rule is None, "rule": rule})
            if rule is None:
                load[i] = load.get(i, 0) + 1
                return i
        return None

    def form(target, stratum):
        pool = pool_of(stratum)
        members, emissions = [], []
        while len(members) < size:
            got = fill_slot(target, pool, members, emissions)
            if got is None:
                break
            members.append(got)
        return {"targetId": target, "stratum": stratum, "pool": pool, "members": members, "emissions": emissions,
                "status": "complete" if len(members) == size else "no eligible team"}

    teams = [form(p["id"], p["stratum"]) for p in sorted(picks, key=lambda p: (p["ticket"], p["id"]))]

    # ---- supplements, replayed in step order
    steps = sorted([("r", x) for x in b["replacements"]] + [("a", x) for x in b["alternateUses"]], key=lambda s: s[1]["step"])
    if [s[1]["step"] for s in steps] != list(range(1, len(steps) + 1)):
        problem("supplements: steps are %s, expected 1 … %d" % ([s[1]["step"] for s in steps], len(steps)))
    used_alternates = set()
    for kind, x in steps:
        if kind == "r":
            team = next((t for t in teams if t["targetId"] == x["targetId"]), None)
            w = x["withdrawn"]
            label = "replacement step %d" % x["step"] if w else "completion step %d" % x["step"]
            if team is None or team["status"] == REPLACED:
                problem("%s: refused, %s has no team that can change" % (label, x["targetId"]))
                continue
            emissions = []
            if w:
                if w not in team["members"]:
                    problem("%s: refused, %s is not on the team of %s" % (label, w, x["targetId"]))
                    continue
                load[w] = load.get(w, 0) - 1
                withdrew.add((x["targetId"], w))
                team["members"] = [m for m in team["members"] if m != w]
                got = fill_slot(x["targetId"], team["pool"], team["members"], emissions)
            else:
                if len(team["members"]) >= size:
                    problem("%s: refused, the team of %s is complete" % (label, x["targetId"]))
                    continue
                got = fill_slot(x["targetId"], team["pool"], team["members"], emissions, check_capacity=False)
                if got is None:
                    problem("%s: refused, nobody of the pool may join" % label)
                    continue
            if got is not None:
                team["members"].append(got)
            # The team keeps the draw's emissions; a step's are only in its record (what the bundles show; §6.4
            # said "emissions are the slot's emissions" without saying the team's list is left as it was).
            team["status"] = "complete" if len(team["members"]) == size else "no eligible team"
            if x["replacer"] != got:
                problem("%s: bundle says replacer %s, recomputed %s" % (label, x["replacer"], got))
            if x["emissions"] != emissions:
                problem("%s: the emissions differ (%d in the bundle, %d recomputed)" % (label, len(x["emissions"]), len(emissions)))
        else:
            label = "alternate use step %d" % x["step"]
            team = next((t for t in teams if t["targetId"] == x["replaced"]), None)
            if team is None or team["status"] == REPLACED:
                problem("%s: refused, %s has no team that can be replaced" % (label, x["replaced"]))
                continue
            for m in team["members"]:
                load[m] = load.get(m, 0) - 1
            team["status"] = REPLACED
            nxt = next((a for a in alternates if a["stratum"] == team["stratum"] and a["id"] not in used_alternates), None)
            got = None
            if nxt is not None:
                used_alternates.add(nxt["id"])
                got = nxt["id"]
                teams.append(form(nxt["id"], nxt["stratum"]))
            if x["stratum"] != team["stratum"]:
                problem("%s: stratum %s, the replaced team's is %s" % (label, x["stratum"], team["stratum"]))
            if x["alternate"] != got:
                problem("%s: bundle says alternate %s, recomputed %s" % (label, x["alternate"], got))

    # ---- teams and pools compared
    bt = b["teams"]
    if len(bt) != len(teams):
        problem("teams: bundle has %d, recomputed %d" % (len(bt), len(teams)))
    for n, (mine, theirs) in enumerate(zip(teams, bt), start=1):
        for f in ("targetId", "stratum", "pool", "members", "status"):
            if mine[f] != theirs.get(f):
                problem("team %d (%s) %s: bundle says %s, recomputed %s" % (n, mine["targetId"], f, theirs.get(f), mine[f]))
        if mine["emissions"] != theirs.get("emissions"):
            problem("team %d (%s) emissions: bundle has %d, recomputed %d, or they differ" % (n, mine["targetId"], len(theirs.get("emissions") or []), len(mine["emissions"])))
    pools = [{"pool": p, "members": pool_members[p], "position": streams[p].position if streams[p] else 0} for p in sorted(streams)]
    if pools != b["pools"]:
        problem("pools: bundle says %s, recomputed %s" % (json.dumps(b["pools"], ensure_ascii=False), json.dumps(pools, ensure_ascii=False)))


def compare_list(what, mine, theirs, key):
    if len(mine) != len(theirs):
        problem("%ss: bundle has %d, recomputed %d" % (what, len(theirs), len(mine)))
    n, last = 0, None
    for a, t in zip(mine, theirs):
        n = n + 1 if a[key] == last else 1
        last = a[key]
        if a != t:
            problem("stratum %s %s %d: bundle says %s %s, recomputed %s %s" % (a["stratum"], what, n, t.get("id"), t.get("ticket"), a["id"], a["ticket"]))


def seals(b, raw, fmt):
    """The nine seals (§6.2) and the bundle hash."""
    out = {}
    if fmt == V2:
        for p in PARTS:
            v = {f: b[f] for f in REVEAL_FIELDS} if p == "reveal" else b[p]
            out[p] = jcs_sha(v)
        return out, jcs_sha(b["seals"])
    members = raw_members(raw)
    for p in PARTS:
        if p == "reveal":
            text = "{" + ",".join('"%s":%s' % (f, compact(members[f])) for f in REVEAL_FIELDS) + "}"
        else:
            text = compact(members[p])
        out[p] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return out, hashlib.sha256(compact(members["seals"]).encode("utf-8")).hexdigest()


def main(argv):
    args, opts = [], {}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--commitment", "--bundle-sha256"):
            opts[a] = argv[i + 1]
            i += 2
            continue
        if a == "--reencode":
            opts[a] = True
        else:
            args.append(a)
        i += 1
    if not 1 <= len(args) <= 2:
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    self_test()
    try:
        raw = open(args[0], "rb").read().decode("utf-8")
        b = load(raw)
    except (OSError, UnicodeDecodeError, ValueError, Duplicate) as e:
        print("%s: not a readable bundle: %s" % (args[0], e), file=sys.stderr)
        return 2
    if opts.get("--reencode"):
        # A test of the seals' independence from the encoding: Python's encoder, other spacing and escapes.
        raw = json.dumps(b, ensure_ascii=True, indent=3, default=lambda d: float(d))
        b = load(raw)
    fmt = b.get("format")
    check_schema(b)
    try:
        verify(b, raw, args[1] if len(args) > 1 else None)
    except (KeyError, TypeError, AttributeError) as e:
        problem("malformed bundle: %r" % (e,))
    bundle_hash = None
    if fmt in (V1, V2):
        try:
            mine, bundle_hash = seals(b, raw, fmt)
            for p in PARTS:
                if b["seals"].get(p) != mine[p]:
                    problem("seal: the %s changed after the draw" % p)
            if set(b["seals"]) != set(PARTS):
                problem("seals: members %s, expected %s" % (sorted(b["seals"]), PARTS))
            if "--commitment" in opts and mine["commitment"] != opts["--commitment"]:
                problem("commitment: hash %s is not the announced %s" % (mine["commitment"], opts["--commitment"]))
            if "--bundle-sha256" in opts and bundle_hash != opts["--bundle-sha256"]:
                problem("bundle: hash %s is not the published %s" % (bundle_hash, opts["--bundle-sha256"]))
        except (ValueError, KeyError) as e:
            problem("seals: cannot compute (%s)" % e)
    for p in problems:
        print(p)
    if problems:
        return 1
    print("verified: draw %s, %d picks, %d teams, bundle sha256 %s" % (b["commitment"]["drawId"], len(b["picks"]), len(b["teams"]), bundle_hash))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
