"""One PDF per briefing and language: its text, language, title, bookmarks, and where it is linked."""

from __future__ import annotations

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


def test_each_home_page_links_its_pdf_and_the_sitemap_lists_both(published):
    real_site, SITE_URL = published.site_dir, published.url
    assert 'href="pdf/scale-ai-fr.pdf"' in (real_site / "index.html").read_text(encoding="utf-8")
    assert 'href="pdf/scale-ai-en.pdf"' in (real_site / "en" / "index.html").read_text(encoding="utf-8")
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    for address, *_ in CASES.values():
        assert f"<loc>{SITE_URL}{address}</loc>" in sitemap
    assert f'hreflang="en" href="{SITE_URL}en/pdf/scale-ai-en.pdf"' in sitemap
