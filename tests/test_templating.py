"""The pages' Jinja helpers: a figure with its provenance marker, citations, and addresses
relative to the page being rendered; data that contains HTML renders as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError

from generator.records import Localized
from generator.templating import Citations, FactNotFound, PageTemplates, relative_url, source_anchor
from generator.values import Formatter

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def site(fixture_planned):
    """``(inputs, plan)`` of the fixture briefing."""
    return fixture_planned


@pytest.fixture(scope="module")
def render(site, today):
    """``render(language, source, page="acme-robotics/profile", **context)``: a template rendered
    as the page's template would be."""
    inputs, site_plan = site
    templates = {language: PageTemplates(Formatter(language, inputs.translations[language]), inputs.project.templates,
                                         site_plan, {}, today) for language in inputs.languages}
    [briefing] = inputs.briefings

    def rendered(language: str, source: str, page: str = "acme-robotics/profile", **context) -> str:
        return templates[language].env.from_string(source).render(
            {"briefing": briefing, "briefings": [briefing], "citations": Citations(),
             "page": site_plan.by_key[page], **context})

    return rendered


@pytest.mark.parametrize("target, here, relative", [
    ("profil/", "", "profil/"),
    ("", "profil/", "../"),
    ("", "", "./"),
    ("en/", "en/", "./"),
    ("en/profile/", "en/", "profile/"),
    ("en/sources/", "profil/", "../en/sources/"),
    ("acme/sources/", "mini/veille/", "../../acme/sources/"),
])
def test_relative_url(target, here, relative):
    assert relative_url(target, here) == relative


def test_source_anchor():
    assert source_anchor("globex-release") == "source-globex-release"
    assert source_anchor("le_monde.2025") == "source-le-monde-2025"


def test_a_fact_is_its_value_and_a_marker_that_opens_its_provenance(render):
    assert render("en", '{{ fact("globex.stake") }}') == (
        '<!--briefing:html--><span class="fact" data-fact="globex.stake"><span class="fact__end">80%<button type="button" '
        'class="fact-marker" popovertarget="pv-1" aria-label="Note 1: where “Share of the capital bought by '
        'Globex” comes from">1</button></span></span><!--/briefing:html-->')
    assert f'aria-label="Note 1{NBSP}: provenance de «{NBSP}Part du capital acquise par Globex{NBSP}»"' in \
        render("fr", '{{ fact("globex.stake") }}')
    # The last word and the marker never part; each fact keeps its note number on the page.
    assert render("en", '{{ fact("deal.buyer", sentence=true) }} {{ fact("globex.stake") }} {{ fact("deal.buyer") }}') \
        .count('popovertarget="pv-1"') == 2
    assert '>Globex <span class="fact__end">Corporation<button' in render("en", '{{ fact("deal.buyer") }}')


def test_the_preferred_value_of_a_conflict_shows_the_sources_range_unless_told_not_to(render):
    assert 'data-fact="deal.amount">$1.2B (sources give $1.2B to <span class="fact__end">$1.5B)<button' in \
        render("en", '{{ fact("deal.amount") }}')
    assert 'data-fact="deal.amount"><span class="fact__end">$1.2B<button' in \
        render("en", '{{ fact("deal.amount", spread=false) }}')


def test_html_in_a_value_or_a_text_renders_as_text(render):
    probe = render("en", '{{ fact("acme.html-probe") }}')
    assert '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; <span class="fact__end">&lt;b&gt;bold&lt;/b&gt;' in probe
    assert "<script>" not in probe and "<b>" not in probe
    text = Localized.model_validate({"fr": "", "en": "<i>Price</i>: {deal.amount}"})
    assert render("en", "{{ text | plain }}", text=text) == \
        '&lt;i&gt;Price&lt;/i&gt;: <a href="../sources/#f-deal-amount">$1.2B</a>'
    with pytest.raises(SecurityError):  # templates and editors' pages run in the sandbox
        render("en", "{{ briefing.__class__.__mro__ }}")


def test_links_and_addresses_are_relative_to_the_page_being_rendered(render):
    assert render("fr", '{{ link("sources") }} {{ page_url("home") }} {{ page_url("content/method") }} '
                        '{{ fact_url("deal.amount") }} {{ data_link("json") }} {{ pdf_url() }}') == \
        "sources.md ../ ../methode/ ../sources/#f-deal-amount data/acme-robotics.json ../pdf/acme-robotics-fr.pdf"
    assert render("en", '{{ link("timeline") }} {{ page_url("home") }} {{ fact_url("deal.amount") }} {{ pdf_url() }}',
                  page="acme-robotics/sources") == "timeline.md ../ #f-deal-amount ../pdf/acme-robotics-en.pdf"
    assert render("en", '{{ page_url("acme-robotics/sources") }} {{ link("acme-robotics/profile") }}',
                  page="content/method") == "../sources/ profile.md"


def test_citations_link_each_source_with_its_label_and_place(render):
    assert render("en", '{{ cite(briefing.fact("globex.stake").citations) }}', page="acme-robotics/home") == (
        '<a href="sources/#source-globex-release"><cite>Globex to acquire Acme Robotics</cite>, March 10, 2026</a>, '
        'paragraph 2; <a href="sources/#source-gazette-article">Dupin, September 2026</a>, paragraph 1')


def test_an_unknown_fact_or_page_is_named(render):
    with pytest.raises(FactNotFound, match="^unknown fact 'deal.amout'$"):
        render("en", '{{ fact("deal.amout") }}')
    with pytest.raises(FactNotFound, match="^unknown page 'nowhere'$"):
        render("fr", '{{ link("nowhere") }}')
    with pytest.raises(FactNotFound, match=r"^unknown fact 'deal.amount' \(the site has several briefings: name"):
        render("en", '{{ fact("deal.amount") }}', page="content/method", briefing=None)
