"""Make Material's search find inflected forms (``investissements`` -> ``investissement``).

Why this exists. Material's search runs lunr in a web worker, and turns every typed word ``t``
into the prefix query ``t*`` so that results appear while the reader types. lunr never runs its
pipeline (so never its stemmer) on a wildcard term, and Material's default pipeline drops the
stemmer from the index anyway. The result: a prefix of a word is found, but a word longer than
the indexed one is not. ``investissements`` misses a page that says ``investissement``, and
``investments`` misses ``investment``.

What it does, after every build (the plugin's ``on_post_build``), in the built worker
``assets/javascripts/workers/search.<hash>.min.js``:

1. ``mkdocs.yml`` keeps the language's stemmer in the search pipeline (``pipeline: [trimmer,
   stopWordFilter, stemmer]``) and splits words at punctuation and apostrophes, so that
   ``l’investissement,`` is indexed as ``investissement``; the plugin checks that the written
   search index keeps the stemmer.
2. A small script appended to the worker (``WORKER_PATCH``), using lunr's public API:
   - the index holds each word *and* its stem, so prefixes of the word as typed keep working
     (``licenciem`` still finds ``licenciements``);
   - every prefix term ``t*`` gets a twin, the exact term ``t`` run through the language's
     stemmer, so ``investissements`` finds ``investissement`` (both have the same stem).
3. One edit inside Material's code: the function that decides which typed words a result
   contains (to strike through "missing" words) compares by prefix only; it also accepts the
   word's stem, otherwise a result found by its stem would list the typed word as missing.

Every pattern the patch relies on is checked: if a Material upgrade changes the worker, the
build fails with ``PluginError`` naming what is missing, instead of search silently losing
its stemming. Patching twice on the same file is harmless (``mkdocs serve --dirty``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

MARKER = "/* briefing plugin: stemmed search */"
"""First line of the appended script; its presence means the worker is already patched."""

WORKER_PATCH = MARKER + r"""
(function (lunr) {
  var searchPipeline = null

  /* The index keeps each word and its stem: prefixes match words, whole words match stems. */
  var add = lunr.Builder.prototype.add
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.briefingWordAndStem) {
      this.briefingWordAndStem = true
      var label = this.pipeline.toJSON().filter(function (name) {
        return /^stemmer(-|$)/.test(name)
      })[0]
      var stemmer = label && lunr.Pipeline.registeredFunctions[label]
      if (stemmer) {
        var wordAndStem = function (token, i, tokens) {
          var stem = stemmer(new lunr.Token(token.toString(), token.metadata), i, tokens)
          return stem && stem.toString() !== token.toString() ? [token, stem] : token
        }
        lunr.Pipeline.registerFunction(wordAndStem, "briefing-word-and-" + label)
        this.pipeline.after(stemmer, wordAndStem)
        this.pipeline.remove(stemmer)
      } else {
        console.warn("briefing: no stemmer in the search pipeline; inflected forms will not match")
      }
    }
    return add.call(this, doc, attributes)
  }

  /* Each prefix term `t*` gets a twin: `t` through the search pipeline (the stemmer). */
  var query = lunr.Index.prototype.query
  lunr.Index.prototype.query = function (build) {
    searchPipeline = this.pipeline
    return query.call(this, function (q) {
      build.call(q, q)
      q.clauses.slice().forEach(function (clause) {
        var term = clause.term
        if (!clause.usePipeline && !clause.editDistance &&
            clause.presence === lunr.Query.presence.OPTIONAL &&
            term.length > 1 && term.indexOf("*") === term.length - 1)
          q.clause({
            term: term.slice(0, -1), fields: clause.fields, boost: clause.boost,
            usePipeline: true, wildcard: lunr.Query.wildcard.NONE,
            presence: lunr.Query.presence.OPTIONAL
          })
      })
    })
  }

  /* The stems of a typed word, for Material's "which words did this result match". */
  lunr.briefingStems = function (term) {
    return searchPipeline ? searchPipeline.runString(term) : []
  }
})(self.lunr);
"""

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"

MATERIAL_WILDCARD = re.compile(r"\?(\w+):`\$\{\1\}\*`")
"""Material's ``term => ... ? term : `${term}*``` (the reason for this patch)."""

MATCHED_TERM = re.compile(r"(\w+)\[(\w+)\]\.startsWith\((\w+)\.term\)")
"""Material's ``terms[t].startsWith(clause.term)`` in ``getSearchQueryTerms``."""

MATCHED_TERM_OR_STEM = r"(\1[\2].startsWith(\3.term)||lunr.briefingStems(\3.term).includes(\1[\2]))"

LUNR_GLOBAL = "self.lunr="
"""Material exposes lunr as a global in the worker (the appended script reaches it there)."""


def patch_site(site: Path) -> None:
    """Check the site's search index and patch its search worker."""
    check_stemmer_in_index(site / "search" / "search_index.json")
    workers = sorted(site.glob(WORKER_GLOB))
    if len(workers) != 1:
        raise PluginError(f"briefing plugin (search): expected one search worker {WORKER_GLOB} in {site}, "
                          f"found {len(workers)}; Material's layout changed: review generator/plugin/search.py")
    patch_worker(workers[0])


def check_stemmer_in_index(index: Path) -> None:
    """The index must ask the worker to keep the stemmer (``plugins: search: pipeline``)."""
    if not index.is_file():
        raise PluginError(f"briefing plugin (search): no search index at {index}; is the search plugin enabled?")
    pipeline = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("pipeline") or []
    if "stemmer" not in pipeline:
        raise PluginError("briefing plugin (search): the search pipeline has no stemmer (it has "
                          f"{pipeline}); add `stemmer` to `plugins: - search: pipeline:` in mkdocs.yml")


def patch_worker(worker: Path) -> None:
    """Append ``WORKER_PATCH`` and widen Material's matched-term test; fail if anything moved."""
    code = worker.read_text(encoding="utf-8")
    if MARKER in code:
        return
    problems = []
    if not MATERIAL_WILDCARD.search(code):
        problems.append("Material no longer appends `*` to every typed word (if stemming now works "
                        "without this patch, remove it)")
    if LUNR_GLOBAL not in code:
        problems.append(f"lunr is no longer exposed as a global ({LUNR_GLOBAL!r})")
    patched, count = MATCHED_TERM.subn(MATCHED_TERM_OR_STEM, code)
    if count != 1:
        problems.append(f"Material's matched-term test `terms[t].startsWith(clause.term)` "
                        f"was found {count} times instead of once")
    if problems:
        raise PluginError(f"briefing plugin (search): cannot patch {worker.name}: " + "; ".join(problems)
                          + "; review generator/plugin/search.py against this Material version")
    source_map = re.search(r"\n//# sourceMappingURL=\S+\s*$", patched)
    body, tail = (patched[:source_map.start()], patched[source_map.start():]) if source_map else (patched, "")
    worker.write_text(body + "\n" + WORKER_PATCH + tail, encoding="utf-8")
