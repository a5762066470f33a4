"""SCO film relations over time: co-productions per year per pair of member states, as a pandas
DataFrame and as an offline HTML chart with the accession dates, the SCO film events and the
co-production agreements marked on the same axis.

    >>> import kg, kg.network.timeline as kt
    >>> store = kg.open("out")
    >>> kt.coproductions_by_year(store)                  # year, countryA, countryB, pair, films
    >>> kt.coproductions_by_year(store, membership=True) # only years when both were members
    >>> kt.timeline_marks(store)                         # kind, date, year, label
    >>> kt.write_timeline(store, "timeline.html")

Everything is read with SPARQL aggregates (:func:`kg.network.graphs.country_years`), so it takes
the same fraction of a second as the country projection. pandas is imported when a frame is asked
for, not with the module.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from kg.network.graphs import _labels, country_years, memberships, write_atomic

#: Pairs drawn with a colour of their own; the rest are summed as "other pairs".
TOP_PAIRS = 9
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf")
_OTHER = "#bdbdbd"
_MARKS = {  # kind -> (colour, dash pattern, what it is)
    "accession": ("#222222", "", "a state joins the SCO"),
    "event": ("#7d3c98", "5,3", "SCO film event"),
    "agreement": ("#e6550d", "2,3", "film agreement signed"),
}


def _member_pairs(store, lang: str, membership: bool) -> tuple[list[dict], int]:
    pairs, _ = country_years(store)
    joined = memberships(store)
    since = {c: min((d for d in orgs.values() if d), default=None) for c, orgs in joined.items()}
    members = set(joined)
    wanted = {(a, b): by_year for (a, b), by_year in pairs.items() if a in members and b in members}
    labels = _labels(store, {c for pair in wanted for c in pair}, lang) if wanted else {}
    rows, undated = [], 0
    for (a, b), by_year in wanted.items():
        first = max((int(since[c][:4]) for c in (a, b) if since.get(c)), default=None)
        for year, films in by_year.items():
            if year is None:
                undated += films
                continue
            if membership and first is not None and year < first:
                continue
            la, lb = sorted((labels[a], labels[b]))
            rows.append({"year": year, "countryA": la, "countryB": lb, "pair": f"{la} – {lb}", "films": films})
    rows.sort(key=lambda r: (r["year"], r["pair"]))
    return rows, undated


def coproductions_by_year(store, *, membership: bool = False, lang: str = "en"):
    """Films per year per pair of SCO member states, as a pandas DataFrame.

    Columns ``year``, ``countryA``, ``countryB`` (by name, A before B), ``pair`` ("China –
    Russia") and ``films``. A film counts once per pair, in the earliest year a source gives it
    (as the named query ``coproductions-by-pair`` counts it); films no source dates are left out
    and counted in ``frame.attrs["undated"]``. With ``membership``, a film counts only from the
    year both countries were members (a state that joined in June 2017 is a member for 2017).
    """
    import pandas as pd

    rows, undated = _member_pairs(store, lang, membership)
    frame = pd.DataFrame(rows, columns=["year", "countryA", "countryB", "pair", "films"])
    frame.attrs["undated"] = undated
    frame.attrs["membership"] = membership
    return frame


def timeline_marks(store, *, lang: str = "en"):
    """What the timeline marks, as a pandas DataFrame (``kind``, ``date``, ``year``, ``label``):
    each state's accession to the SCO, each SCO film event's start, each film agreement's
    signature, one row per date a source gives (sources that disagree give two rows)."""
    import pandas as pd

    return pd.DataFrame(_marks(store, lang), columns=["kind", "date", "year", "label"])


def _marks(store, lang: str) -> list[dict]:
    from kg.query.queries import named_query

    found: set[tuple[str, str, str]] = set()
    joined = memberships(store)
    labels = _labels(store, set(joined), lang) if joined else {}
    for c, orgs in joined.items():
        for since in orgs.values():
            if since:
                found.add(("accession", since[:10], f"{labels[c]} joins the SCO"))
    for row in store.query(named_query("sco-film-events")).rows:
        if row.get("start") is not None:
            found.add(("event", str(row["start"])[:10], str(row["event"]) + (f" ({row['place']})" if row.get("place") else "")))
    for row in store.query(named_query("agreements")).rows:
        if row.get("signed") is not None:
            found.add(("agreement", str(row["signed"])[:10], str(row["agreement"])))
    marks = []
    for kind, day, label in sorted(found, key=lambda m: (m[1], m[0], m[2])):
        if not day[:4].isdigit():
            continue
        marks.append({"kind": kind, "date": day, "year": int(day[:4]), "label": label})
    # one row per event and date: a festival named at two places on one day is marked once
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for m in marks:
        key = (m["kind"], m["date"], m["label"].split(" (")[0] if m["kind"] == "event" else m["label"])
        if key not in seen:
            seen.add(key)
            unique.append(m)
    return unique


def _fraction(day: str) -> float:
    """A date as a year with a fraction (2017-06-09 -> 2017.44); a bare year or month as its start."""
    parts = [int(p) for p in day.split("-") if p.isdigit()]
    year, month, dom = (parts + [1, 1])[:3]
    try:
        return year + (date(year, month, dom).timetuple().tm_yday - 1) / 365.25
    except ValueError:
        return float(year)


def render_timeline(store, *, membership: bool = False, lang: str = "en", title: str = "SCO co-productions over time") -> str:
    """The HTML text of the timeline: one self-contained page (inline SVG, no script, nothing fetched).

    Bars: films per year, stacked by pair of member states (the :data:`TOP_PAIRS` with most films
    in a colour each, the rest as "other pairs"). Vertical marks: accessions, SCO film events and
    agreements (hover one for what it is); the same marks are listed under the chart.
    """
    rows, undated = _member_pairs(store, lang, membership)
    marks = _marks(store, lang)
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["pair"]] = totals.get(r["pair"], 0) + r["films"]
    top = [p for p, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_PAIRS]]
    colour = {p: _COLOURS[i] for i, p in enumerate(top)}
    by_year: dict[int, dict[str, int]] = {}
    for r in rows:
        key = r["pair"] if r["pair"] in colour else "other pairs"
        by_year.setdefault(r["year"], {})[key] = by_year.get(r["year"], {}).get(key, 0) + r["films"]
    years = [r["year"] for r in rows] + [m["year"] for m in marks]
    first, last = (min(years), max(years)) if years else (2001, date.today().year)
    peak = max((sum(v.values()) for v in by_year.values()), default=1) or 1

    width, height, left, right, top_pad, bottom = 1000, 420, 48, 16, 34, 40
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    span = last - first + 1

    def x(value: float) -> float:
        return left + (value - first) / span * plot_w

    def y(value: float) -> float:
        return top_pad + plot_h - value / peak * plot_h

    e = html.escape
    svg: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{e(title)}">',
        f'<line x1="{left}" y1="{y(0):.1f}" x2="{width - right}" y2="{y(0):.1f}" stroke="#444"/>',
    ]
    step = max(1, round(peak / 5))
    for tick in range(0, peak + 1, step):
        svg.append(f'<line x1="{left - 4}" y1="{y(tick):.1f}" x2="{width - right}" y2="{y(tick):.1f}" stroke="#eee"/>')
        svg.append(f'<text x="{left - 7}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11">{tick}</text>')
    label_every = 1 if span <= 30 else 5
    for year in range(first, last + 1):
        if (year - first) % label_every == 0 or year == last:
            svg.append(f'<text x="{x(year + 0.5):.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11">{year}</text>')
    bar = plot_w / span * 0.8
    for year, parts in sorted(by_year.items()):
        base = 0
        for pair in [*top, "other pairs"]:
            n = parts.get(pair, 0)
            if not n:
                continue
            fill = colour.get(pair, _OTHER)
            svg.append(
                f'<rect class="bar" x="{x(year) + plot_w / span * 0.1:.1f}" y="{y(base + n):.1f}" width="{bar:.1f}" height="{y(base) - y(base + n):.1f}" '
                f'fill="{fill}" data-year="{year}" data-pair="{e(pair)}" data-films="{n}"><title>{year}: {e(pair)}, {n} film{"s" if n != 1 else ""}</title></rect>'
            )
            base += n
    for m in marks:
        stroke, dash, _what = _MARKS[m["kind"]]
        at = x(_fraction(m["date"]))
        svg.append(
            f'<g class="mark {m["kind"]}" data-date="{e(m["date"])}"><title>{e(m["date"])}: {e(m["label"])}</title>'
            f'<line x1="{at:.1f}" y1="{top_pad - 8}" x2="{at:.1f}" y2="{y(0):.1f}" stroke="{stroke}" stroke-width="1.5"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + f'/><circle cx="{at:.1f}" cy="{top_pad - 10}" r="4" fill="{stroke}"/></g>'
        )
    svg.append("</svg>")

    legend = "".join(
        f'<span class="key"><span class="sw" style="background:{c}"></span>{e(p)} ({totals[p]})</span>' for p, c in colour.items()
    )
    if len(totals) > len(top):
        legend += f'<span class="key"><span class="sw" style="background:{_OTHER}"></span>other pairs ({sum(v for p, v in totals.items() if p not in colour)})</span>'
    legend += "".join(
        f'<span class="key"><span class="ln" style="border-left:2px {"solid" if not d else "dashed"} {c}"></span>{e(w)}</span>'
        for c, d, w in _MARKS.values()
    )
    items = "".join(
        f'<tr class="{m["kind"]}"><td>{e(m["date"])}</td><td>{e(_MARKS[m["kind"]][2])}</td><td>{e(m["label"])}</td></tr>' for m in marks
    )
    rule = "counted only from the year both countries were members" if membership else "counted in every year, members or not yet"
    total = sum(totals.values())
    note = (
        f"{total} co-production{'s' if total != 1 else ''} between pairs of SCO member states, each in the earliest year a source "
        f"gives the film (a film with three member states counts once for each of its pairs); {rule}. "
        f"{undated} pair-film{'s' if undated != 1 else ''} with no known year are not drawn."
    )
    css = (
        'body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;color:#222;margin:12px 18px;max-width:1040px}'
        "h1{font-size:18px;margin:0 0 4px}p{font-size:13px;color:#444;margin:4px 0 8px}.keys{font-size:12px;margin:6px 0}"
        ".key{display:inline-block;margin:0 12px 4px 0}.sw{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px}"
        ".ln{display:inline-block;height:12px;margin-right:5px;vertical-align:-2px}"
        "table{border-collapse:collapse;font-size:12px;margin-top:10px}td{padding:2px 8px;border-bottom:1px solid #eee;vertical-align:top}"
        "td:first-child{white-space:nowrap}g.mark:hover line{stroke-width:3}"
    )
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp, quote=False)}">\n'
        f"<title>{e(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<h1>{e(title)}</h1>\n<p>{e(note)}</p>\n<div class="keys">{legend}</div>\n'
        + "".join(svg)
        + f"\n<table><tbody>{items}</tbody></table>\n</body>\n</html>\n"
    )


def write_timeline(store, path: Path | str, **options: Any) -> Path:
    """Write :func:`render_timeline`'s page to ``path`` (atomically); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, render_timeline(store, **options).encode("utf-8"))
    return path
