"""Render evaluation results: one self-contained HTML report, and short text for the terminal."""

from __future__ import annotations

from html import escape

HEADLINE = [  # (summary key, label, kind)
    ("recall@1", "Recall@1", "pct"), ("recall@5", "Recall@5", "pct"), ("recall@10", "Recall@10", "pct"),
    ("mrr", "MRR", "num"), ("ndcg@10", "nDCG@10", "num"),
    ("answer_correct_rate", "Answers correct", "pct"), ("partial_credit", "Partial credit", "pct"),
    ("citation_precision", "Citation precision", "pct"), ("citation_evidence_rate", "Cites the evidence", "pct"),
    ("invalid_citations", "Invalid citations", "int"),
    ("unanswerable_refused_rate", "Unanswerable refused", "pct"),
    ("answerable_wrongly_refused_rate", "Answerable refused", "pct"),
    ("retrieve_ms_median", "Retrieve median", "ms"), ("retrieve_ms_p95", "Retrieve p95", "ms"),
    ("total_ms_median", "Total median", "ms"), ("total_ms_p95", "Total p95", "ms"),
]
TABLE_KEYS = {"n": "questions", "recall@1": "R@1", "recall@5": "R@5", "recall@10": "R@10", "mrr": "MRR",
              "ndcg@10": "nDCG@10", "answer_correct_rate": "correct", "partial_credit": "partial",
              "citation_precision": "citation precision", "invalid_citations": "invalid citations",
              "unanswerable_refused_rate": "unanswerable refused",
              "answerable_wrongly_refused_rate": "answerable refused", "passed": "passed"}

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em} .meta{color:#555}
.cards{display:flex;flex-wrap:wrap;gap:.5em;margin:1em 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.4em .7em;min-width:7.5em}
.card b{display:block;font-size:1.35em} .card span{color:#555;font-size:.85em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em} th,td{border:1px solid #ddd;padding:.3em .45em;vertical-align:top;text-align:left}
th{background:#f4f4f4} td.num{text-align:right;white-space:nowrap}
tr.q td{font-size:.9em} .pass{color:#17692f;font-weight:bold} .fail{color:#a31515;font-weight:bold}
.miss{color:#a31515} .found{color:#17692f} blockquote{margin:.3em 0;padding-left:.5em;border-left:3px solid #ccc;color:#444}
.wide{overflow-x:auto} .charts{display:flex;flex-wrap:wrap;gap:2em} .controls{margin:.5em 0;padding:.5em;background:#f8f8f8}
"""
JS = """
function applyFilters(){
  var failsOnly=document.getElementById('fails').checked, type=document.getElementById('type').value, shown=0;
  document.querySelectorAll('tr.q').forEach(function(r){
    var hide=(failsOnly&&r.dataset.pass==='1')||(type!==''&&r.dataset.type!==type);
    r.hidden=hide; if(!hide){shown++;}
  });
  document.getElementById('shown').textContent=shown;
}
"""


def fmt(value, kind: str = "num") -> str:
    """A figure for people: percentages, ms, or 'n/a' when it was not measured."""
    if value is None:
        return "n/a"
    if kind == "pct":
        return f"{100 * value:.1f}%"
    if kind == "ms":
        return f"{value:.0f} ms"
    if kind == "int" or isinstance(value, int):
        return str(int(value))
    return f"{value:.3f}"


def _kind(key: str) -> str:
    return next((k for h, _, k in HEADLINE if h == key), "int" if key in ("n", "passed") else "num")


def render_report(summary: dict, rows: list[dict], *, title: str, meta: dict) -> str:
    """One offline HTML page; rows are {"item": question, "result": Answer dict, "score": score}."""
    overall = summary["overall"]
    cards = "".join(
        f'<div class="card"><b>{escape(fmt(overall.get(key), kind))}</b><span>{escape(label)}</span></div>'
        for key, label, kind in HEADLINE
    )
    cards += f'<div class="card"><b>{overall["passed"]}/{overall["n"]}</b><span>Questions passed</span></div>'
    meta_line = " · ".join(f"{escape(str(k))}: {escape(str(v))}" for k, v in meta.items() if v not in (None, ""))
    types = sorted({r["score"]["type"] for r in rows if r["score"].get("type")})
    options = "".join(f'<option value="{escape(t)}">{escape(t)}</option>' for t in types)
    charts = _bar_chart(summary["by_type"]) + _histogram([r["score"] for r in rows])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>
<body><h1>{escape(title)}</h1><p class="meta">{meta_line}</p>
<div class="cards">{cards}</div>
<div class="charts">{charts}</div>
<h2>By question type</h2>{_group_table(summary["by_type"], "type")}
<h2>By issue</h2>{_group_table(summary["by_issue"], "issue")}
<h2>Questions</h2>
<div class="controls"><label><input type="checkbox" id="fails" onchange="applyFilters()"> show failures only</label>
 &nbsp; <label>type <select id="type" onchange="applyFilters()"><option value="">all</option>{options}</select></label>
 &nbsp; showing <span id="shown">{len(rows)}</span> of {len(rows)}</div>
<table id="questions"><thead><tr><th>id</th><th>type</th><th>issue</th><th>question</th><th>expected</th>
<th>answer given</th><th>citations</th><th>result</th></tr></thead>
<tbody>{"".join(_question_row(r) for r in rows)}</tbody></table>
<script>{JS}</script></body></html>
"""


def _group_table(groups: dict, label: str) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for label in TABLE_KEYS.values())
    body = "".join(
        f"<tr><td>{escape(name)}</td>" + "".join(f'<td class="num">{escape(fmt(b.get(k), _kind(k)))}</td>'
                                                  for k in TABLE_KEYS) + "</tr>"
        for name, b in groups.items()
    )
    return (f'<div class="wide"><table><thead><tr><th>{escape(label)}</th>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _question_row(row: dict) -> str:
    item, result, s = row["item"], row["result"], row["score"]
    facts = "".join(
        f'<li class="{"miss" if f in s.get("missing", []) else "found"}">{escape(f)}</li>'
        for f in item.get("must_include") or []
    )
    expected = f"{escape(item.get('answer') or '')}" + (f"<ul>{facts}</ul>" if facts else "")
    if "answer" in result:
        given = escape(result.get("answer") or "") + (" <em>(refused)</em>" if result.get("refused") else "")
    else:
        given = "<em>retrieval only</em>"
    if result.get("error"):
        given += f'<div class="fail">{escape(result["error"])}</div>'
    cites = "".join(
        f"<div>[{escape(str(c.get('n')))}] {escape(str(c.get('article') or ''))} "
        f"({escape(str(c.get('issue') or ''))}, {escape(str(c.get('date') or ''))}, p. {escape(str(c.get('page')))})"
        f"{'' if c.get('supported', True) else ' <em>unsupported</em>'}"
        f"<blockquote>{escape(_excerpt(c.get('text') or ''))}</blockquote></div>"
        for c in result.get("citations") or []
    )
    hits = "".join(
        f"<li>{escape(str(h.get('rank')))}. {escape(str(h.get('article') or ''))}: {escape(_excerpt(h.get('text') or '', 160))}</li>"
        for h in (result.get("hits") or [])[:5]
    )
    if hits:
        cites += f"<details><summary>top hits</summary><ol>{hits}</ol></details>"
    found = s.get("found_rank")
    verdict = '<span class="pass">PASS</span>' if s["passed"] else '<span class="fail">FAIL</span>'
    reasons = "".join(f"<li>{escape(r)}</li>" for r in s.get("reasons", []))
    verdict += f"<div>evidence at rank {found}</div>" if found else ""
    verdict += f"<ul>{reasons}</ul>" if reasons else ""
    issue = ", ".join(s.get("sources") or [])
    return (
        f'<tr class="q" id="q-{escape(str(s["id"]))}" data-type="{escape(str(s.get("type")))}" '
        f'data-pass="{1 if s["passed"] else 0}"><td>{escape(str(s["id"]))}</td><td>{escape(str(s.get("type")))}</td>'
        f"<td>{escape(issue)}</td><td>{escape(item.get('question') or '')}</td><td>{expected}</td>"
        f"<td>{given}</td><td>{cites}</td><td>{verdict}</td></tr>"
    )


def _excerpt(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bar_chart(by_type: dict) -> str:
    """Grouped bars per question type: recall@5 and answers correct, 0-100%."""
    series = [("recall@5", "recall@5", "#3b6fb6"), ("answer_correct_rate", "answers correct", "#e08a1e")]
    groups = list(by_type.items())
    gw, bw, h, left, top = 90, 32, 180, 40, 20
    width = left + gw * max(len(groups), 1) + 20
    parts = [f'<line x1="{left}" y1="{top + h}" x2="{width - 10}" y2="{top + h}" stroke="#888"/>']
    for pct in (0, 50, 100):
        y = top + h - h * pct / 100
        parts.append(f'<text x="{left - 6}" y="{y + 4}" font-size="10" text-anchor="end">{pct}%</text>'
                     f'<line x1="{left}" y1="{y}" x2="{width - 10}" y2="{y}" stroke="#eee"/>')
    for gi, (name, block) in enumerate(groups):
        x0 = left + gi * gw + 10
        for si, (key, label, colour) in enumerate(series):
            v, x = block.get(key), x0 + si * (bw + 2)
            if v is None:
                parts.append(f'<text x="{x + bw / 2}" y="{top + h - 4}" font-size="9" text-anchor="middle">n/a</text>')
                continue
            bh = h * v
            parts.append(f'<rect x="{x}" y="{top + h - bh:.1f}" width="{bw}" height="{bh:.1f}" fill="{colour}">'
                         f"<title>{escape(name)} {escape(label)}: {fmt(v, 'pct')}</title></rect>")
        parts.append(f'<text x="{x0 + bw}" y="{top + h + 14}" font-size="11" text-anchor="middle">{escape(name)}</text>')
    legend = "".join(f'<rect x="{left + i * 130}" y="{top + h + 24}" width="10" height="10" fill="{c}"/>'
                     f'<text x="{left + i * 130 + 14}" y="{top + h + 33}" font-size="11">{escape(label)}</text>'
                     for i, (_, label, c) in enumerate(series))
    return (f'<figure><figcaption>By question type</figcaption><svg xmlns="http://www.w3.org/2000/svg" '
            f'width="{width}" height="{top + h + 45}" role="img">{"".join(parts)}{legend}</svg></figure>')


def _histogram(scored: list[dict], bins: int = 12) -> str:
    """Distribution of total latency per question, with the median and p95 marked."""
    from rag.evals.scoring import percentile

    key = "total_ms" if any(s.get("total_ms") is not None for s in scored) else "retrieve_ms"
    values = [s[key] for s in scored if s.get(key) is not None]
    if not values:
        return "<figure><figcaption>Latency: not recorded</figcaption></figure>"
    top_v = max(values) or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(int(v / top_v * bins), bins - 1)] += 1
    w, h, left, top = 400, 160, 30, 20
    bw, most = w / bins, max(counts)
    parts = [f'<rect x="{left + i * bw:.1f}" y="{top + h - h * c / most:.1f}" width="{bw - 2:.1f}" '
             f'height="{h * c / most:.1f}" fill="#6a8caf"><title>{c} questions</title></rect>'
             for i, c in enumerate(counts) if c]
    for p, colour in ((50, "#17692f"), (95, "#a31515")):
        v = percentile(values, p)
        x = left + w * v / top_v
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + h}" stroke="{colour}" stroke-dasharray="4 2"/>'
                     f'<text x="{x:.1f}" y="{top - 4}" font-size="10" fill="{colour}" text-anchor="middle">p{p} {v:.0f}</text>')
    parts.append(f'<text x="{left - 4}" y="{top + 8}" font-size="10" text-anchor="end">{most}</text>'
                 f'<text x="{left}" y="{top + h + 14}" font-size="10">0 ms</text>'
                 f'<text x="{left + w}" y="{top + h + 14}" font-size="10" text-anchor="end">{top_v:.0f} ms</text>')
    return (f'<figure><figcaption>Latency ({escape(key)}), {len(values)} questions</figcaption>'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + w + 20}" height="{top + h + 24}" role="img">'
            f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" stroke="#888"/>{"".join(parts)}</svg></figure>')


def format_summary(summary: dict) -> str:
    """The headline figures as a few lines for the terminal."""
    o = summary["overall"]
    lines = [f"{o['passed']}/{o['n']} questions passed, {o['errors']} errors"]
    lines += [f"  {label:<22}{fmt(o.get(key), kind)}" for key, label, kind in HEADLINE]
    return "\n".join(lines)


def _shown(value, metric: str) -> str:
    return "not found" if value is None and metric == "found_rank" else str(value)


def format_compare(cmp: dict) -> str:
    """What got better and worse between two runs, question by question."""
    lines = []
    for q in cmp["questions"]:
        for metric, change in q["changes"].items():
            old, new = (_shown(q[side][metric], metric) for side in ("old", "new"))
            lines.append(f"  {change.upper():<10}{q['id']}: {metric} {old} -> {new}")
    lines.sort(key=lambda line: not line.lstrip().startswith("REGRESSED"))
    head = f"{len(cmp['regressed'])} questions regressed, {len(cmp['improved'])} improved"
    deltas = [f"  {k}: {fmt(cmp['old'].get(k), _kind(k))} -> {fmt(cmp['new'].get(k), _kind(k))}"
              for k in ("recall@5", "mrr", "answer_correct_rate", "citation_precision") if k in cmp["deltas"]]
    extra = [f"  only in old run: {', '.join(cmp['only_old'])}"] if cmp["only_old"] else []
    extra += [f"  only in new run: {', '.join(cmp['only_new'])}"] if cmp["only_new"] else []
    return "\n".join([head, *deltas, *lines, *extra])
