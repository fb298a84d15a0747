"""The built pages read as a briefing: provenance on demand, permanent links, honest dates,
the market reaction, and clean language in both languages (no internal ids, one money format,
French typography)."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.check import check
from generator.facts import fact_anchor
from generator.formatting import typography
from generator.gather import gather
from generator.plan import plan
from generator.project import Project
from generator.render import render
from generator.site import build

ROOT = Path(__file__).resolve().parent.parent
BRIEFING_KINDS = ("home", "profile", "timeline", "watchlist", "sources")
NBSP = "\u00a0"


class Text(HTMLParser):
    """A page's article as a reader sees it: its text (popovers included, scripts not), and the
    ids of the elements in it."""

    def __init__(self, html: str):
        super().__init__()
        self.parts: list[str] = []
        self.ids: list[str] = []
        self._in_article = 0
        self._skip = 0
        self.feed(html)
        self.text = "".join(self.parts)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._in_article += 1
        if tag in ("script", "style"):
            self._skip += 1
        if self._in_article and attrs.get("id"):
            self.ids.append(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article -= 1
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if self._in_article and not self._skip:
            self.parts.append(data)


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


def page_html(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def text_of(site: Path, address: str) -> str:
    return Text(page_html(site, address)).text


@pytest.fixture(scope="module")
def addresses(pages):
    """``addresses(language, kinds=every kind)``: the addresses of those pages in that language."""
    return lambda language, kinds=tuple(pages): [pages[kind][0 if language == "fr" else 1] for kind in kinds]


@pytest.fixture(scope="module")
def briefing(load_facts):
    (scale_ai,), _ = load_facts(ROOT / "seeds")
    return scale_ai


# --- Staleness, honestly shown ---------------------------------------------------------------

@pytest.mark.parametrize("language, words", [
    ("fr", ["Sources jusqu’à juillet 2025", "Depuis, 5 échéances de la veille sont passées sans nouvelle revue",
            "la plus ancienne le 15 septembre 2025", "datent de sa dernière revue, en juillet 2025"]),
    ("en", ["Sources up to July 2025", "Since then, 5 watchlist checkpoints have passed without a review",
            "the oldest on September 15, 2025", "date from its last review, in July 2025"])])
def test_every_page_of_a_briefing_past_its_checkpoints_carries_a_notice(site, language, words, addresses):
    for address in addresses(language, BRIEFING_KINDS):
        notice = re.search(r'<div class="admonition warning stale-notice" role="note">(.+?)</div>',
                           page_html(site, address), re.S)
        assert notice, address
        for text in words:
            assert text in notice.group(1).replace(NBSP, " "), (address, text)


def test_each_overdue_indicator_says_so_next_to_its_checkpoint(site):
    french, english = text_of(site, "veille/"), text_of(site, "en/watchlist/")
    assert "Échéance passée le 31 décembre 2025, sans revue depuis juillet 2025." in french
    assert "Checkpoint passed on December 31, 2025, not reviewed since July 2025." in english
    # A checkpoint known to the month takes its own preposition.
    assert "Échéance passée en novembre 2025" in french and "Checkpoint passed in November 2025" in english
    # Once next to each indicator's checkpoint, once on its dashboard card.
    assert french.count("Échéance passée") == english.count("Checkpoint passed") == 10
    # Readings are dated by their review, never "current".
    assert english.count("Alert level as of July 2025:") == 5 and "Current reading" not in english
    assert french.count(f"Niveau d’alerte à la revue (juillet 2025){NBSP}:") == 5


def test_the_watchlist_has_an_ordered_scale_with_a_legend_that_says_what_it_measures(site):
    english, french = text_of(site, "en/watchlist/"), text_of(site, "veille/")
    assert "Alert levels: 1 low · 2 moderate · 3 elevated · 4 very high; undetermined when" in english
    assert f"Niveaux d’alerte{NBSP}: 1 faible · 2 modéré · 3 élevé · 4 très élevé" in french
    # A run-in label ends with a full stop: the sentence after it starts with its capital.
    assert "Why it matters. Scale AI" in english and "Pourquoi c’est important. Scale AI" in french
    assert "4 of 4, very high." in english and "undetermined." in english
    assert "4 sur 4, très élevé." in text_of(site, "veille/")


def rendered_on(today: date, build_dir: Path):
    inputs = gather(Project(root=ROOT, build_dir=build_dir), today)
    check(inputs)
    return render(inputs, plan(inputs.briefings, inputs.content, inputs.languages, inputs.translations)).pages


def test_before_its_checkpoints_a_briefing_has_no_notice(tmp_path):
    before = rendered_on(date(2025, 8, 1), tmp_path)
    assert not any("stale-notice" in page.markdown for language in before.values() for page in language)
    after = rendered_on(date(2025, 10, 1), tmp_path)
    home = next(page for page in after["en"] if page.planned.kind == "home")
    assert "Since then, 1 watchlist checkpoint has passed without a review, on September 15, 2025." in home.markdown


# --- Provenance and permanent links ----------------------------------------------------------

def test_a_derived_figures_note_shows_its_calculation_note_and_inputs(site):
    html = page_html(site, "en/profile/")
    marker = re.search(r'data-fact="series_f.valuation">.*?popovertarget="(pv-\d+)"', html)
    note = re.search(rf'<div class="provenance" id="{marker.group(1)}" popover[^>]*>(.+?)</div>', html, re.S).group(1)
    assert "How it is derived" in note and "÷ 2" in note
    assert "Note</dt>" in note and "order of magnitude" in note
    assert 'href="../sources/#f-deal-valuation"' in note and 'href="../sources/#f-deal-valuation-ratio"' in note
    assert "derived" in note and "Status" in note


def test_citations_use_a_short_label_and_the_full_title_appears_once(site, briefing, addresses, pages):
    for language, label in (("fr", "Park, juillet 2025"), ("en", "Park, July 2025")):
        full_titles = [typography(source.title, language) for source in briefing.sources]
        sources = text_of(site, pages["sources"][0 if language == "fr" else 1])
        for title in full_titles:
            assert sources.count(title) == 1, title
        for address in addresses(language, BRIEFING_KINDS[:-1]):
            text = text_of(site, address)
            assert label in text, address
            assert not any(title in text for title in full_titles), address
            assert "titre abrégé" not in text


def test_every_fact_has_a_permanent_anchor_on_the_sources_page(site, briefing):
    for address in ("sources/", "en/sources/"):
        ids = set(Text(page_html(site, address)).ids)
        assert {fact_anchor(fact.id) for fact in briefing.facts} <= ids
    assert fact_anchor("deal.amount") == "f-deal-amount" and fact_anchor("series_f.valuation") == "f-series-f-valuation"


def test_every_fact_is_told_somewhere_beyond_the_sources_page(site, briefing, addresses):
    for language in ("fr", "en"):
        shown = set()
        for address in addresses(language, BRIEFING_KINDS[:-1]):
            shown |= set(re.findall(r'<span class="fact" data-fact="([^"]+)"', page_html(site, address)))
        assert {fact.id for fact in briefing.facts} - shown == set()


# --- The market reaction ---------------------------------------------------------------------

@pytest.mark.parametrize("address, figures", [
    ("", ["703,38 $US", "−7,01 $US", "−0,99 %", "185,03 $US", "+1,93 $US", "+1,05 %", "environ 25 Md $US"]),
    ("en/", ["$703.38", "−$7.01", "−0.99%", "$185.03", "+$1.93", "+1.05%", "about $25B"])])
def test_the_home_page_tells_the_market_reaction_with_signed_figures(site, address, figures):
    html = page_html(site, address)
    section = html[html.index('id="market-reaction"'):]
    section = Text("<article>" + section[:section.index("<h2")] + "</article>").text.replace(NBSP, " ")
    for figure in figures:
        assert figure in section, figure


# --- Language ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def visible_text(site, addresses):
    """``visible_text(language)``: each page's text in that language, by address."""
    return lambda language: {address: text_of(site, address) for address in addresses(language)}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_readers_never_see_internal_ids(site, briefing, language, visible_text):
    ids = [source.id for source in briefing.sources] + ["article 000", "article 004", "(titre abrégé)"]
    ids += [fact.id for fact in briefing.facts if "." in fact.id]
    for address, text in visible_text(language).items():
        found = [identifier for identifier in ids if re.search(rf"(?<![\w.]){re.escape(identifier)}(?![\w.])", text)]
        assert not found, (address, found)


def test_english_pages_have_no_french_words_but_the_sources_own_headings(site, visible_text):
    french_words = re.compile(r"\b(titre|sous-titre|chapeau|liste, point|selon|Ministère)\b")
    for address, text in visible_text("en").items():
        outside_quotes = re.sub(r"“[^”]*”|«[^»]*»|<cite>.*?</cite>", "", text)
        for title in ("Le pari à 14 milliards $ de Meta", "Scale AI supprime 14% de ses effectifs"):
            outside_quotes = outside_quotes.split(title)[0] + "".join(outside_quotes.split(title)[1:])
        assert not french_words.findall(outside_quotes), (address, french_words.findall(outside_quotes))


def test_french_pages_have_no_english_left(site, visible_text):
    for address, text in visible_text("fr").items():
        assert "Ministry of ICT" not in text and "According to" not in text, address


@pytest.mark.parametrize("language", ["fr", "en"])
def test_one_money_format_per_language(site, language, visible_text):
    # Babel's form is "14,3 Md $US" / "$14.3B"; prose spells amounts out or uses that same form.
    other_forms = re.compile(r"\d\s?Md\s?\$(?!US)|\d\s?(bn|mn|m)\b|\$\d+(\.\d+)?(bn|m)\b")
    for address, text in visible_text(language).items():
        assert not other_forms.search(text), (address, other_forms.search(text))


def test_english_pages_use_us_spelling(site, visible_text):
    british = re.compile(r"\b(programme|labelling|customis\w+|organis\w+|misspelt|judgement|analys(e|ed|ing))\b")
    for address, text in visible_text("en").items():
        assert not british.findall(text), (address, british.findall(text))


def test_french_pages_keep_french_typography(site, visible_text):
    for address, text in visible_text("fr").items():
        assert not re.search(r"\w [:;!?»%]", text), (address, re.search(r".{20}\w [:;!?»%].{10}", text))
        assert not re.search(r"« ", text), address
        assert "'" not in text, (address, re.search(r".{20}'.{20}", text))


def test_jargon_is_explained_where_it_is_first_used(site, visible_text):
    for address, text in visible_text("fr").items() | visible_text("en").items():
        for word, explanation in (("hyperscalers", ("géants du cloud", "largest cloud providers")),
                                  ("DoD", ("Défense américain (DoD)", "Department of Defense (DoD)"))):
            if word in text:
                first = text.index(word)
                assert any(e in text[max(0, first - 60): first + 60] for e in explanation), (address, word)


# --- The reference date is an input of the build ------------------------------------------------

def test_the_same_inputs_give_the_same_bytes_and_the_reference_date_only_the_notices(tmp_path, published, today):
    project = Project(root=ROOT, build_dir=tmp_path / "build", site_dir=tmp_path / "site")
    build(project, site_url=published.url, today=today)  # a second build, in another folder
    again = {p.relative_to(project.site_dir): p.read_bytes() for p in project.site_dir.rglob("*") if p.is_file()}
    first = {p.relative_to(published.site_dir): p.read_bytes() for p in published.site_dir.rglob("*") if p.is_file()}
    assert Path("sitemap.xml") in first and Path("sitemap.xml.gz") in first and Path("en/pdf/scale-ai-en.pdf") in first
    assert again == first, "the same inputs and reference date give the same bytes"
    build(project, site_url=published.url, today=date(2025, 10, 1))
    later = {p.relative_to(project.site_dir): p.read_bytes() for p in project.site_dir.rglob("*") if p.is_file()}
    assert later[Path("sitemap.xml")] == first[Path("sitemap.xml")], "the sitemap's date comes from the data"
    changed = {str(path) for path in first if later.get(path) != first[path]}
    assert "index.html" in changed and "en/watchlist/index.html" in changed
    assert not any(path.startswith(("data/", "en/data/")) for path in changed)


def test_french_typography_reaches_the_site_wide_texts_and_the_table_of_contents(site):
    home, profile = page_html(site, ""), page_html(site, "profil/")
    # The site's name (header, title), the footer's notice: no-break spaces before ":" and ";".
    assert re.search(r"<title>Scale AI\xa0: Meta mise 14,3 milliards de dollars</title>", home)
    assert f"Chaque chiffre cite sa source{NBSP}; textes" in home
    assert "Scale AI : " not in home + profile
    # The sidebar's entries keep their headings' no-break spaces (Python-Markdown's toc drops them).
    entries = re.findall(r'<a href="#meta-2025" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', profile)
    assert entries and set(entries) == {f"Investissement de Meta (49{NBSP}%), juin 2025"}


def test_a_page_title_names_the_site_once(site):
    """A briefing's home page has the site's own name: "name - name" would say it twice."""
    assert re.findall(r"<title>(.*?)</title>", page_html(site, "en/")) == ["Scale AI: Meta&#39;s $14.3B bet"]
    assert re.findall(r"<title>(.*?)</title>", page_html(site, "en/profile/")) == [
        "Company profile: Scale AI - Scale AI: Meta&#39;s $14.3B bet"]
