"""Sharded builds: N machines each build a deterministic share of the work, one merges.

``briefing build --shard K/N --shard-dir DIR`` runs the whole pipeline up to MkDocs (cheap, and the
same on every machine), then builds only its share: the languages and the PDFs whose position,
in a fixed order, is K modulo N. It writes their outputs and a manifest into DIR instead of
replacing ``site/``. ``briefing merge DIR...`` checks that the parts are the N shares of one set
of inputs (the inputs' digest is in each manifest) and runs the finish phase on them: the merged
site is byte for byte the site one machine would have built.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .assemble import language_output
from .cache import ENVIRONMENT, digest, project_digest
from .problems import BuildError, Problems
from .project import Project

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Shard:
    """Share ``index`` (1 to ``count``) of the work."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = re.fullmatch(r"(\d+)/(\d+)", text.strip())
        if not match or not 1 <= int(match[1]) <= int(match[2]):
            raise ValueError(f"expected K/N with 1 <= K <= N (such as 2/3), got {text!r}")
        return cls(int(match[1]), int(match[2]))

    def takes(self, position: int) -> bool:
        """Whether the unit at ``position`` (0-based, in the build's fixed order) is this share's."""
        return position % self.count == self.index - 1


def inputs_digest(project: Project, url: str, today: date) -> str:
    """Everything a build reads, and the generator itself: the parts of one site agree on it."""
    return digest(ENVIRONMENT, url, today.isoformat(), project_digest(project))


def write_part(folder: Path, shard: Shard, inputs: str, outputs: dict[str, Path], pdfs: dict[str, Path]) -> None:
    """A shard's outputs: each language it built (``_fr/``), its PDFs, and the manifest."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for language, output in outputs.items():
        shutil.copytree(output, language_output(folder, language))
    for address, path in pdfs.items():
        (folder / "pdf" / address).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, folder / "pdf" / address)
    manifest = {"shard": shard.index, "of": shard.count, "inputs": inputs,
                "languages": sorted(outputs), "pdfs": sorted(pdfs)}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def read_parts(parts: list[Path], inputs: str, languages: list[str]) -> tuple[dict[str, Path], dict[str, Path]]:
    """Each language's output folder and every PDF's file, from the N parts of one build; raises
    BuildError naming what is missing, repeated or from other inputs."""
    problems = Problems()
    manifests = []
    for part in parts:
        try:
            manifests.append((part, json.loads((part / MANIFEST).read_text(encoding="utf-8"))))
        except (OSError, ValueError) as error:
            problems.error(part / MANIFEST, 1, "(part)", f"not a shard's output: {error}")
    shares = sorted(manifest["shard"] for _, manifest in manifests)
    counts = {manifest["of"] for _, manifest in manifests}
    if manifests and (len(counts) != 1 or shares != list(range(1, next(iter(counts)) + 1))):
        problems.error(parts[0], 1, "(parts)", f"expected shards 1 to N of one build exactly once, got "
                       f"{', '.join('{}/{}'.format(m['shard'], m['of']) for _, m in manifests)}")
    for part, manifest in manifests:
        if manifest["inputs"] != inputs:
            problems.error(part / MANIFEST, 1, "inputs", "built from other inputs (seeds, content, templates, "
                           "catalogs, mkdocs.yml, address, reference date or generator) than this merge")
    outputs = {language: language_output(part, language) for part, manifest in manifests
               for language in manifest["languages"]}
    missing = [language for language in languages if language not in outputs]
    if missing and not problems:
        problems.error(parts[0], 1, "(parts)", f"no part built {', '.join(missing)}")
    if problems:
        raise BuildError(problems, "merge")
    pdfs = {address: part / "pdf" / address for part, manifest in manifests for address in manifest["pdfs"]}
    return outputs, pdfs
