"""An equivalent bilingual Hugo site made from the Markdown our generator wrote, as a speed anchor.

Same pages, same Markdown bodies (footnotes, tables, raw HTML spans, heading anchors), the
same addresses (French at ``/``, English at ``/en/``), translations paired by their address
like our language switcher, links between ``.md`` files resolved to page addresses like
MkDocs does, a pruned navigation (every section's title, the current section's pages), a table
of contents, hreflang links, a sitemap and a JSON search index of every page's text. The theme
is a minimal one: Material's page chrome (header, search UI, scripts) has no equivalent.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import yaml

CONFIG = """\
baseURL = "https://briefing.example.org/"
defaultContentLanguage = "{default}"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = false

[outputs]
  home = ["HTML", "JSON"]

[markup.goldmark.renderer]
  unsafe = true
[markup.goldmark.parser.attribute]
  title = true
  block = true
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3

[languages]
{languages}
"""

LAYOUTS = {
    "_default/baseof.html": """\
        <!doctype html>
        <html lang="{{ .Language.Lang }}">
        <head>
          <meta charset="utf-8">
          <title>{{ .Title }} - {{ .Site.Title }}</title>
          {{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
          {{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
          {{ end }}
        </head>
        <body>
          <header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
            {{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
          </header>
          {{ partial "nav.html" . }}
          <aside>{{ .TableOfContents }}</aside>
          <main>{{ block "main" . }}{{ end }}</main>
        </body>
        </html>
        """,
    "_default/single.html": """{{ define "main" }}{{ .Content }}{{ end }}\n""",
    "_default/list.html": """{{ define "main" }}{{ .Content }}{{ end }}\n""",
    "partials/nav.html": """\
        {{ $current := .CurrentSection }}
        <nav><ul>
        {{ range .Site.Home.Sections }}
          <li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
          {{ if eq . $current }}<ul>
            {{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
          </ul>{{ end }}
          </li>
        {{ end }}
        {{ range .Site.Home.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
        </ul></nav>
        """,
    "index.json": """\
        {{- $pages := slice -}}
        {{- range .Site.Pages -}}
          {{- $pages = $pages | append (dict "location" .RelPermalink "title" .Title "text" .Plain) -}}
        {{- end -}}
        {{- dict "docs" $pages | jsonify -}}
        """,
    # Links between Markdown files become page addresses, as MkDocs rewrites them (path arithmetic,
    # like MkDocs: `.Page.GetPage` on every link made Hugo several times slower).
    "_default/_markup/render-link.html": """\
        {{- $destination := .Destination -}}
        {{- $parts := split $destination "#" -}}
        {{- $path := index $parts 0 -}}
        {{- if and $path (strings.HasSuffix $path ".md") (not (strings.Contains $path "://")) -}}
          {{- $target := path.Join .Page.File.Dir (strings.TrimSuffix ".md" $path) -}}
          {{- if eq (path.Base $target) "index" }}{{ $target = path.Dir $target }}{{ end -}}
          {{- if eq $target "." }}{{ $target = "" }}{{ end -}}
          {{- $destination = printf "%s/" $target | relLangURL -}}
          {{- if gt (len $parts) 1 }}{{ $destination = printf "%s#%s" $destination (index $parts 1) }}{{ end -}}
        {{- end -}}
        <a href="{{ $destination | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
        {{- /**/ -}}
        """,
}


def _split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text


def make_hugo_site(docs: dict[str, Path], languages: list[str], target: Path) -> int:
    """Write a Hugo site for the per-language docs folders; return the number of pages."""
    shutil.rmtree(target, ignore_errors=True)
    pages = 0
    language_tables = []
    for weight, language in enumerate(languages, start=1):
        prefix = "" if language == languages[0] else f"{language}/"
        language_tables.append(textwrap.dedent(f"""\
            [languages.{language}]
              contentDir = "content/{language}"
              languageName = "{language}"
              title = "Briefing"
              weight = {weight}
            """))
        for source in sorted(docs[language].rglob("*")):
            if source.is_dir():
                continue
            relative = source.relative_to(docs[language])
            if source.suffix != ".md":
                destination = target / "static" / prefix / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
                continue
            meta, body = _split_front_matter(source.read_text(encoding="utf-8"))
            front = {"title": meta.get("title", relative.stem), "description": meta.get("description", "")}
            alternates = meta.get("alternates") or {}
            if alternates:
                # Translations are paired by the default language's address, like our switcher.
                front["translationKey"] = alternates.get(languages[0]) or next(iter(alternates.values()))
            name = "_index.md" if relative.name == "index.md" else relative.name
            destination = target / "content" / language / relative.parent / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
                                   + "---\n\n" + body, encoding="utf-8")
            pages += 1
    (target / "config.toml").write_text(
        CONFIG.format(default=languages[0], languages="\n".join(language_tables)), encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = target / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return pages
