"""Export JSON Schemas of the data files so editors validate as you type.

Each YAML file names its schema in its first line::

    # yaml-language-server: $schema=../facts.schema.json

which the YAML language server (VS Code's YAML extension, Neovim, Helix, ...)
follows. The schemas are generated from the pydantic models; ``dlcompare check``
fails when a committed schema no longer matches them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from dlcompare.facts.concordance import ConcordanceFile
from dlcompare.facts.models import ClaimsFile, FactsFile, SourcesFile
from dlcompare.vocabulary import FRAMEWORKS

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"

#: schema file (relative to the root) -> (model, title)
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "data/facts.schema.json": (FactsFile, "dlcompare facts file (data/facts/<topic>.yaml)"),
    "data/sources.schema.json": (SourcesFile, "dlcompare bibliography (data/sources.yaml)"),
    "data/claims.schema.json": (ClaimsFile, "dlcompare claims audit (data/claims.yaml)"),
    "data/concordance.schema.json": (
        ConcordanceFile,
        "dlcompare concordance (data/concordance.yaml)",
    ),
}


def schema_comment_for(yaml_rel: str) -> str:
    """The first line a data file should carry, e.g. for data/facts/history.yaml."""
    if yaml_rel.startswith("data/facts/"):
        return "# yaml-language-server: $schema=../facts.schema.json"
    if yaml_rel == "data/sources.yaml":
        return "# yaml-language-server: $schema=sources.schema.json"
    if yaml_rel == "data/claims.yaml":
        return "# yaml-language-server: $schema=claims.schema.json"
    if yaml_rel == "data/concordance.yaml":
        return "# yaml-language-server: $schema=concordance.schema.json"
    return ""


def _facts_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A framework may hold one cell *or* a list of cells; say so."""
    defs = schema.get("$defs", {})
    values = defs.get("Values", {}).get("properties", {})
    for framework in FRAMEWORKS:
        if framework in values:
            values[framework] = {
                "description": f"what {framework} says: one cell, or a list of cells that each "
                "set `when`",
                "anyOf": [
                    {"$ref": "#/$defs/Cell"},
                    {"type": "array", "items": {"$ref": "#/$defs/Cell"}, "minItems": 1},
                ],
            }
    return schema


def build_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    generated = model.model_json_schema()
    schema: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "title": title,
        **{k: v for k, v in generated.items() if k != "title"},
    }
    if model is FactsFile:
        schema = _facts_schema(schema)
    return schema


def render(model: type[BaseModel], title: str) -> str:
    return json.dumps(build_schema(model, title), indent=2, sort_keys=False) + "\n"


def stale_schemas(root: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate."""
    stale = []
    for rel, (model, title) in SCHEMAS.items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != render(model, title):
            stale.append(rel)
    return stale


def write_json_schema(root: Path) -> Path:
    """Write every schema file (facts, sources, claims, concordance); return the facts one."""
    for rel, (model, title) in SCHEMAS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(model, title), encoding="utf-8")
    return root / "data/facts.schema.json"
