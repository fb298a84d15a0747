"""One PDF per briefing and language: its text, language, title, bookmarks, and where it is linked."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader


CASES = {  # language -> (PDF address, figures as the language writes them, indicator names)
    "fr": ("pdf/scale-ai-fr.pdf", ["14,3 Md $US", "49 %", "−7,01 $US"],
           ["Départ des clients", "Réponse des régulateurs", "Conversion des contrats de défense",
            "Llama-5, le modèle que Meta prévoyait pour novembre 2025", "Rétention des talents"],
           "Scale AI\u00a0: Meta mise 14,3 milliards de dollars"),
    "en": ("en/pdf/scale-ai-en.pdf", ["$14.3B", "49%", "−$7.01"],
           ["Customer exodus", "Regulatory response", "Defense contract conversion",
            "Llama-5, the model Meta planned for November 2025", "Talent retention"],
           "Scale AI: Meta's $14.3B bet"),
}


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


@pytest.mark.parametrize("language", sorted(CASES))
def test_the_pdf_holds_the_briefing_in_its_language_with_its_metadata(real_site, language):
    address, figures, indicators, title = CASES[language]
    reader = PdfReader(real_site / address)
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.metadata.title == title
    assert reader.metadata["/CreationDate"].startswith("D:20261201")  # the build's reference date
    text = text_of(reader)
    for expected in figures + indicators:
        assert expected.replace("\u00a0", " ") in text, expected
    assert "Park" in text and "Le pari à 14 milliards $ de Meta" in text  # the sources
    # Bookmarks: the five parts, in order.
    parts = [item.title for item in reader.outline if not isinstance(item, list)]
    assert len(parts) == 5 and parts[0] == title and parts[-1] == "Sources"


@pytest.mark.parametrize("language", sorted(CASES))
def test_each_figure_links_to_its_numbered_entry_in_the_fact_register(real_site, language):
    """Provenance is given as endnotes: a figure's number leads to the register closing the PDF."""
    reader = PdfReader(real_site / CASES[language][0])
    texts = [page.extract_text() for page in reader.pages]
    label = {"fr": "Tous les faits", "en": "Every fact"}[language]
    register = next(n for n, text in enumerate(texts) if n > 1 and label in text)  # past the contents
    home = 2  # the cover, the contents, then the home part
    links = [annotation.get_object() for annotation in reader.pages[home].get("/Annots", [])]
    targets = [reader.get_page_number(link["/Dest"][0].get_object()) for link in links if "/Dest" in link]
    assert len(targets) >= 10  # the summary's figures and the key figures
    assert all(register <= target for target in targets), (register, targets)
    # The register numbers its entries from 1, one number per fact, in order.
    numbers = [int(match) for text in texts[register:] for match in re.findall(r"^(\d+)\. ", text, re.M)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 50


def test_each_home_page_links_its_pdf_and_the_sitemap_lists_both(published):
    real_site, SITE_URL = published.site_dir, published.url
    assert 'href="pdf/scale-ai-fr.pdf"' in (real_site / "index.html").read_text(encoding="utf-8")
    assert 'href="pdf/scale-ai-en.pdf"' in (real_site / "en" / "index.html").read_text(encoding="utf-8")
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    for address, *_ in CASES.values():
        assert f"<loc>{SITE_URL}{address}</loc>" in sitemap
    assert f'hreflang="en" href="{SITE_URL}en/pdf/scale-ai-en.pdf"' in sitemap


def test_a_pdf_the_last_build_left_as_it_was_is_neither_read_nor_made_again(fixture_planned, tmp_path, monkeypatch):
    import dataclasses

    from generator import pdf
    from generator.cache import Cache, stamp
    from generator.project import Project

    inputs, site_plan = fixture_planned
    inputs = dataclasses.replace(inputs, project=Project(root=inputs.project.root, seeds=inputs.project.seeds,
                                                         build_dir=tmp_path / "build"))
    cache = Cache(tmp_path / "build" / "cache")
    first = pdf.typeset(inputs, site_plan, cache)
    assert sorted(first) == ["en/pdf/acme-robotics-en.pdf", "pdf/acme-robotics-fr.pdf"]
    made = {address: (path.read_bytes(), stamp(path)) for address, path in first.items()}
    assert all(content.startswith(b"%PDF") for content, _ in made.values())

    def refused(*args):
        raise AssertionError("read or typeset again")

    with monkeypatch.context() as nothing:
        nothing.setattr(cache, "get", refused)
        nothing.setattr(pdf, "build_pdf", refused)
        assert pdf.typeset(inputs, site_plan, cache) == first
    assert {address: stamp(path) for address, path in first.items()} == {a: s for a, (_, s) in made.items()}

    # A kept PDF changed by hand is taken from the cache again; with no cache, typeset again.
    damaged = first["pdf/acme-robotics-fr.pdf"]
    damaged.write_bytes(b"not this")
    with monkeypatch.context() as no_typesetting:
        no_typesetting.setattr(pdf, "build_pdf", refused)
        pdf.typeset(inputs, site_plan, cache)
    assert damaged.read_bytes() == made["pdf/acme-robotics-fr.pdf"][0]
    damaged.write_bytes(b"not this")
    pdf.typeset(inputs, site_plan, Cache(tmp_path / "build" / "cache", enabled=False))
    assert damaged.read_bytes() == made["pdf/acme-robotics-fr.pdf"][0]  # the same bytes, typeset again
