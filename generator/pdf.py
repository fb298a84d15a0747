"""One PDF per briefing and language, typeset by Typst: home, profile, timeline, watchlist, sources.

The briefing is turned into plain data, every text already formatted for the language (Babel,
typography, the catalog's words), and written as JSON beside ``templates/pdf/briefing.typ``,
which lays it out: headings become the PDF's bookmarks and its table of contents, each figure
carries the number of its entry in the fact register that closes the document, which holds its
provenance, and links to it (endnotes: Typst lays them out in half the time footnotes took), and
the funding chart is the site's own SVG. Typst sets the
document's language, title and date (the build's reference date), and its output is the same
bytes for the same inputs.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any, Callable

from .briefing import Briefing
from .cache import Cache, digest, stamp, take_record, tree_digest
from .charts import funding_chart
from .dates import PartialDate
from .facts import QUOTED_FACT, fact_anchor
from .gather import Inputs
from .plan import Plan, pdf_path
from .records import Localized
from .render import page_templates
from .templating import PageTemplates
from .values import LIST_SEPARATOR, STATUS_NAMES, Formatter

TEMPLATE = "pdf/briefing.typ"
"""The Typst layout, relative to the templates folder."""
CHART_TEMPLATE = "pages/partials/funding-chart.svg.j2"


KEPT = "pdfs"
"""In the build folder: each PDF of the last build, by address (``pdfs/en/pdf/scale-ai-en.pdf``),
with a record (``pdfs.json``) of the key each was made under and its size and time."""


def typeset(inputs: Inputs, plan: Plan, cache: Cache,
            select: Callable[[int], bool] = lambda position: True) -> dict[str, Path]:
    """Every briefing's PDF in every language (those whose position ``select`` takes, in this
    fixed order): the file in the build folder (``KEPT``) by address in the site
    (``en/pdf/scale-ai-en.pdf``). A PDF is made again when its inputs changed: the briefing's
    files (``Inputs.digest``), the page templates (the chart's among them), the layout, the
    language and its catalog, the date. One the last build left as it is is not even read; any
    other is taken from ``cache`` when it holds one for these inputs, else typeset.

    It needs only the checked inputs and the plan, so the build runs it in a thread beside the
    render phase: Typst releases Python's lock while it lays out, and uses the core the renderer
    leaves. It has its own templates (``page_templates``), not the renderer's."""
    units = [(language, briefing) for language in inputs.languages for briefing in inputs.briefings]
    shared = digest(tree_digest(inputs.project.templates / "pages"), inputs.today.isoformat())
    folder, record_file = inputs.project.build_dir / KEPT, inputs.project.build_dir / f"{KEPT}.json"
    record = take_record(record_file, cache.enabled)
    record = record if isinstance(record, dict) else {}
    addresses = [plan.prefix(language) + pdf_path(briefing, language) for language, briefing in units]
    layout = (inputs.project.templates / TEMPLATE).read_bytes()
    environments: dict[str, PageTemplates] = {}
    pdfs: dict[str, Path] = {}
    for position, ((language, briefing), address) in enumerate(zip(units, addresses)):
        if not select(position):
            continue
        path = folder / address
        key = cache.key("pdf", language, inputs.digest(briefing), shared, layout,
                        inputs.catalogs[language].path.read_bytes())
        if record.get(address) != [key, *(stamp(path) or [])]:
            pdf = cache.get("pdf", key)
            if pdf is None:
                if language not in environments:
                    environments[language] = page_templates(inputs, plan, language)
                pdf = build_pdf(briefing, environments[language], layout, inputs.today,
                                inputs.project.build_dir / "pdf" / f"{briefing.id}-{language}")
                cache.put("pdf", key, pdf)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pdf)
            record[address] = [key, *stamp(path)]
        pdfs[address] = path
    for path in list(folder.rglob("*.pdf")):
        if str(path.relative_to(folder)) not in addresses:  # a briefing or a language removed
            path.unlink()
            record.pop(str(path.relative_to(folder)), None)
    record_file.write_text(json.dumps(record, indent=0, sort_keys=True), encoding="utf-8")
    return pdfs


def build_pdf(briefing: Briefing, templates: PageTemplates, layout: bytes, today: date, work: Path) -> bytes:
    """Typeset one briefing in the templates' language with the Typst ``layout``; ``work`` is an
    empty folder for Typst's inputs."""
    import typst

    chart = funding_chart(briefing)
    svg = ""
    if chart:
        context = {"briefing": briefing, "briefings": [briefing], "page": None, "citations": None}
        svg = templates.env.get_template(CHART_TEMPLATE).render(context)
    data = json.dumps(document(briefing, templates.formatter, today, has_chart=chart is not None),
                      ensure_ascii=False, indent=1, sort_keys=True)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "briefing.typ").write_bytes(layout)
    if chart:
        (work / "chart.svg").write_text(svg, encoding="utf-8")
    (work / "briefing.json").write_text(data, encoding="utf-8")
    return typst.compile(str(work / "briefing.typ"), root=str(work), ignore_system_fonts=True)


def document(briefing: Briefing, formatter: Formatter, today: date, has_chart: bool) -> dict[str, Any]:
    """The briefing as data for the Typst layout, every text formatted for the formatter's language."""
    gettext, language, colon = formatter.gettext, formatter.language, formatter.colon
    meta, profile = briefing.briefing, briefing.profile

    def text(value: Localized | str | None) -> str:
        """A text as plain words; a quoted fact is its formatted value."""
        return formatter.plain_text(value, briefing)

    quoted: set[str] = set()

    def prose(value: Localized | str | None) -> list[dict[str, str]]:
        """A text as runs of words and quoted facts: ``[{"t": "Meta took "}, {"f": "deal.stake"}]``."""
        if value is None:
            return []
        raw = formatter.words(value)
        runs, last = [], 0
        for match in QUOTED_FACT.finditer(raw):
            runs += [{"t": raw[last:match.start()]}, {"f": match[1]}]
            quoted.add(match[1])
            last = match.end()
        return runs + [{"t": raw[last:]}]

    def facts(ids: list[str]) -> list[str]:
        quoted.update(ids)
        return list(ids)

    def cite(citations) -> str:
        return gettext(LIST_SEPARATOR).join(
            f"{formatter.source_label(briefing.source(c.source), markup=False)}, {formatter.places(c.where)}"
            for c in citations)

    def provenance(fact) -> str:
        parts = [cite(fact.citations), colon(gettext("As of")) + " " + formatter.date(fact.as_of),
                 colon(gettext("Status")) + " " + gettext(STATUS_NAMES[fact.status.value])]
        if fact.horizon:
            parts.append(colon(gettext("Horizon")) + " " + formatter.date(fact.horizon))
        if fact.derivation:
            parts.append(colon(gettext("How it is derived")) + " " + text(fact.derivation))
        if fact.note:
            parts.append(colon(gettext("Note")) + " " + text(fact.note))
        spread = formatter.spread(briefing, fact.id)
        if spread:
            parts.append(gettext("sources disagree: %(range)s") % {"range": spread})
        joined = gettext(LIST_SEPARATOR).join(parts)
        return joined if joined.endswith((".", "!", "?", "…")) else joined + "."

    late = briefing.overdue(today)
    notice = None
    if late:
        notice = " ".join([
            gettext("Sources up to %(date)s.") % {"date": formatter.date(meta.as_of)},
            formatter.translations.ngettext(
                "Since then, %(num)d watchlist checkpoint has passed without a review, %(oldest)s.",
                "Since then, %(num)d watchlist checkpoints have passed without a review, the oldest %(oldest)s.",
                len(late)) % {"num": len(late), "oldest": formatter.when(late[0].next_checkpoint)},
            gettext("The readings of this briefing date from its last review, %(date)s.") % {
                "date": formatter.when(briefing.last_review())}])

    sections = {
        "ownership": gettext("Ownership"), "products": gettext("Product lines"),
        "contracts": gettext("Government and international contracts"),
        "partnerships": gettext("Partnerships"), "acquisitions": gettext("Acquisitions")}
    data: dict[str, Any] = {
        "lang": language,
        "title": text(meta.title),
        "description": text(meta.description),
        "date": [today.year, today.month, today.day],
        "edition": gettext("Edition of %(date)s") % {
            "date": formatter.date(PartialDate(today.year, today.month, today.day))},
        "notice": notice,
        "labels": {
            "contents": gettext("Contents"), "key_figures": gettext("Key figures"),
            "profile": gettext("Company profile: %(name)s") % {"name": profile.name},
            "timeline": gettext("Timeline: %(subject)s") % {"subject": meta.subject},
            "watchlist": gettext("Watchlist"), "sources": gettext("Sources"),
            "founded": colon(gettext("Founded")), "leadership": gettext("Leadership"),
            "funding": gettext("Funding rounds"), "why": gettext("Why it matters") + ".",
            "signals": gettext("Signals to watch") + ".", "evidence": colon(gettext("Evidence")),
            "conflicts": gettext("Conflicts between sources"), "corrections": gettext("Corrections"),
            "every_fact": gettext("Every fact"), "reason": colon(gettext("Why this value is preferred")),
            "says": colon(gettext("The source says")), "correct": colon(gettext("Correct")),
            "why_correction": colon(gettext("Why")),
            "chart_key": {"raised": gettext("amount raised"), "valuation": gettext("valuation"),
                          "hollow": gettext("derived or estimated, not reported as such"),
                          "range": gettext("range of the values (sources that disagree, or an estimate); "
                                           "a narrow one is drawn as tall as its mark"),
                          "scale": gettext("Log scale: each line is ten times the one below.")},
        },
        "summary": prose(meta.summary or meta.description),
        "key_figures": facts(meta.key_figures),
        "sections": [{"title": text(s.title), "text": prose(s.text), "facts": facts(s.facts)} for s in meta.sections],
        "profile": {
            "summary": prose(profile.summary), "founded": facts([profile.founded])[0],
            "figures": facts(profile.figures),
            "leadership": [{"person": facts([leader.person])[0],
                            "text": f"{text(leader.role)}, {text(leader.period)}"} for leader in profile.leadership],
            "chart": has_chart,
            "rounds": [{"title": text(r.name) + (f", {formatter.date(r.date)}" if r.date else ""),
                        "amount": facts([r.amount])[0] if r.amount else None,
                        "investors": text(", ".join(r.lead + r.investors))} for r in profile.rounds],
            "items": [{"title": title, "entries": [
                {"name": text(item.name), "date": formatter.date(item.date) if item.date else "",
                 "description": prose(item.description), "facts": facts(item.facts)}
                for item in getattr(profile, key)]} for key, title in sections.items() if getattr(profile, key)],
        },
        "timeline": [{"heading": formatter.sentence(formatter.date(e.date, e.date_qualifier)) + " — " + text(e.title),
                      "summary": prose(e.summary), "facts": facts(e.facts)} for e in briefing.timeline()],
        "watchlist": [{"name": text(i.name),
                       "level": colon(gettext("Alert level as of %(date)s") % {"date": formatter.date(i.last_reviewed)})
                       + " " + formatter.level(i.level) + ".",
                       "reading": prose(i.reading), "why": prose(i.why), "signals": prose(i.signals),
                       "checkpoint": (gettext("Checkpoint passed %(when)s, not reviewed since %(reviewed)s.") % {
                           "when": formatter.when(i.next_checkpoint), "reviewed": formatter.date(i.last_reviewed)}
                           if i in late else colon(gettext("Next checkpoint")) + " " + formatter.date(i.next_checkpoint)),
                       "evidence": facts(i.evidence)} for i in briefing.watchlist],
        "sources": [{"title": text(s.title),
                     "lines": [colon(gettext("Cited as")) + " " + formatter.source_label(s, markup=False)]
                     + ([colon(gettext("Author")) + " " + s.author] if s.author else [])
                     + [colon(gettext("Language")) + " " + formatter.language_name(s.language),
                        colon(gettext("Published")) + " " + formatter.date(s.published)]
                     + ([colon(gettext("Reliability")) + " " + text(s.note)] if s.note else [])}
                    for s in briefing.sources],
        "conflicts": [{"topic": text(c.topic), "values": facts(c.facts), "reason": prose(c.reason)}
                      for c in briefing.conflicts],
        "corrections": [{"title": formatter.sentence(text(c.correct)),
                         "says": formatter.words(gettext("“%(says)s”") % {"says": c.says}),
                         "where": cite([c]), "reason": prose(c.reason)} for c in briefing.corrections],
        "register": [{"number": number, "anchor": fact_anchor(f.id), "term": colon(text(f.label)),
                      "value": formatter.value(f), "provenance": provenance(f)}
                     for number, f in enumerate(briefing.facts, start=1)],
    }
    numbers = {row["anchor"]: row["number"] for row in data["register"]}
    data["facts"] = {fact_id: {"term": colon(text(briefing.fact(fact_id).label)), "value": formatter.value(briefing.fact(fact_id)),
                               "anchor": fact_anchor(fact_id), "number": numbers[fact_anchor(fact_id)]}
                     for fact_id in sorted(quoted)}
    return data

