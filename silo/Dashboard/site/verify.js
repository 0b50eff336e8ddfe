// Re-checks a published draw in the browser (draw/spec/draw-spec.md): nothing here trusts the server beyond handing over the
// public bundle and frames. What is checked is listed, and what is left to `samples verify` is said so.
"use strict";
const DrawCheck = (() => {
  // sha256_uniform(s) = "0." + reverse(decimal(int(sha256_hex(s), 16)) padded to at least 64 digits)
  function uniform(s) {
    const digits = BigInt("0x" + Sha256.hex(s)).toString(10).padStart(64, "0");
    return "0." + digits.split("").reverse().join("");
  }

  function ticket(id, seedHex) {
    return uniform(seedHex + id);
  }

  function compare(a, b) {
    if (a.ticket !== b.ticket) return a.ticket < b.ticket ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  function nextFraction(x) {
    const x0 = x + "0";
    let p = 2;
    while (p < x0.length && x0[p] === "9") p++;
    let i = 0, y = "0.";
    while (y <= x0) {
      i++;
      y = x0.slice(0, p) + uniform(x + ":" + i).slice(2);
    }
    return y;
  }

  // Sampling with replacement over a pool's ids: emissions in order, each {id, ticket, generation}.
  function* stream(ids, seed) {
    const seedHex = Sha256.hex(seed);
    const live = ids.map(id => ({ id, ticket: ticket(id, seedHex), generation: 1 }));
    while (live.length > 0) {
      live.sort(compare);
      const head = live[0];
      yield { id: head.id, ticket: head.ticket, generation: head.generation };
      live[0] = { id: head.id, ticket: nextFraction(head.ticket), generation: head.generation + 1 };
    }
  }

  function hexToBytes(hex) {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }

  function parseFrame(text) {
    const lines = text.split("\n").filter(l => l.length > 0);
    return lines.slice(1).map(l => l.split(","));
  }

  // Returns [{name, ok, detail}] for one bundle; targetsText is the canonical target frame.
  function run(bundle, targetsText, indexEntry) {
    const checks = [];
    const add = (name, ok, detail) => checks.push({ name, ok, detail });
    const c = bundle.commitment;

    add("nonce matches its commitment (承诺)", Sha256.hex(hexToBytes(bundle.nonce)) === c.nonceSha256, "sha256 of the revealed nonce's 32 bytes");

    const committed = Date.parse(c.committedAt), deadline = Date.parse(c.entropyDeadline), revealed = Date.parse(bundle.revealedAt);
    let last = committed, ordered = true;
    for (const k of bundle.contributions) {
      const at = Date.parse(k.at);
      if (!(at > committed && at >= last && at <= deadline)) ordered = false;
      last = at;
    }
    add("order: commitment, then outside entropy, then reveal", ordered && revealed > last && revealed >= committed,
      `${bundle.contributions.length} contribution(s) before ${c.entropyDeadline}`);

    const entropy = Sha256.hex([bundle.nonce, ...bundle.contributions.map(k => k.value)].join("|"));
    add("entropy recomputed from the nonce and contributions", entropy === bundle.entropy, entropy.slice(0, 16) + "…");
    const targetSeed = `SSJ-v1|targets|${c.drawId}|${c.targetFrameSha256}|${entropy}`;
    const inspectorSeed = `SSJ-v1|inspectors|${c.drawId}|${c.inspectorFrameSha256}|${entropy}`;
    add("seeds recomputed (targets, inspectors)", targetSeed === bundle.targetSeed && inspectorSeed === bundle.inspectorSeed, "domain-separated as draw-spec §3");

    if (targetsText == null) {
      add("target frame", false, "the frame could not be fetched: check it offline with samples verify --frames");
      return checks;
    }

    add("target frame matches the committed hash", Sha256.hex(targetsText) === c.targetFrameSha256, c.targetFrameSha256.slice(0, 16) + "…");

    // Picks and alternates: per stratum, the quota's smallest tickets and the next ones, recomputed from the frame.
    const seedHex = Sha256.hex(targetSeed);
    const byStratum = new Map();
    for (const [id, stratum] of parseFrame(targetsText)) {
      if (!byStratum.has(stratum)) byStratum.set(stratum, []);
      byStratum.get(stratum).push({ id, ticket: ticket(id, seedHex) });
    }
    let picksOk = true, altOk = true, firstProblem = "";
    const picks = groupBy(bundle.picks), alternates = groupBy(bundle.alternates);
    for (const q of c.quotas) {
      const members = (byStratum.get(q.stratum) || []).sort(compare);
      if (members.length !== q.members && picksOk) { picksOk = false; firstProblem = `${q.stratum}: frame has ${members.length} members, quota says ${q.members}`; }
      const want = members.slice(0, q.quota), wantAlt = members.slice(q.quota, q.quota + q.alternates);
      if (!same(want, picks.get(q.stratum) || []) && picksOk) { picksOk = false; firstProblem = `${q.stratum}: picks differ`; }
      if (!same(wantAlt, alternates.get(q.stratum) || [])) altOk = false;
    }
    add("picks: each stratum's quota of smallest tickets (抽取对象)", picksOk, picksOk ? `${bundle.picks.length} picks in ${c.quotas.length} strata` : firstProblem);
    add("ordered alternates", altOk, `${bundle.alternates.length} alternates`);

    // Inspector streams: the emissions the teams consumed, pool by pool, are the pool's stream in order.
    // A supplemented draw interleaves replacements with the teams; its streams are left to samples verify.
    let streamsOk = true, emissions = 0;
    const supplemented = (bundle.replacements || []).length + (bundle.alternateUses || []).length > 0;
    for (const pool of supplemented ? [] : bundle.pools) {
      const consumed = bundle.teams.filter(t => t.pool === pool.pool).flatMap(t => t.emissions);
      const s = stream(pool.members, inspectorSeed + "|" + pool.pool);
      for (const e of consumed) {
        const x = s.next().value;
        emissions++;
        if (!x || x.id !== e.inspectorId || x.ticket !== e.ticket || x.generation !== e.generation) { streamsOk = false; break; }
      }
      if (!streamsOk) break;
    }
    add("inspector streams (双随机: 检查人员)", supplemented ? null : streamsOk, supplemented
      ? "supplemented draw: streams after replacements are checked by samples verify"
      : `${emissions} emissions in ${bundle.pools.length} pools`);

    if (indexEntry && indexEntry.bundleSha256) {
      checks.push({ name: "team rules and part seals", ok: null, detail: "checked offline by `samples verify bundle.json --bundle-sha256 " + indexEntry.bundleSha256 + "`" });
    }
    return checks;
  }

  function groupBy(list) {
    const map = new Map();
    for (const p of list) {
      if (!map.has(p.stratum)) map.set(p.stratum, []);
      map.get(p.stratum).push(p);
    }
    return map;
  }

  function same(want, got) {
    return want.length === got.length && want.every((w, i) => w.id === got[i].id && w.ticket === got[i].ticket);
  }

  return { uniform, ticket, nextFraction, stream, run };
})();
