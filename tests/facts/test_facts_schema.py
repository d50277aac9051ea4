"""The JSON Schemas: generated from the models, committed, wired into every data file."""

from __future__ import annotations

import json

from dlcompare.facts.schema import SCHEMAS, build_schema, schema_comment_for, stale_schemas

from .conftest import ROOT


def test_committed_schemas_are_current():
    assert stale_schemas(ROOT) == []


def test_facts_schema_allows_one_cell_or_a_list():
    schema = build_schema(*SCHEMAS["data/facts.schema.json"])
    keras = schema["$defs"]["Values"]["properties"]["keras"]
    assert keras["anyOf"][0] == {"$ref": "#/$defs/Cell"}
    assert keras["anyOf"][1]["type"] == "array"
    assert schema["$defs"]["Values"]["required"] == ["pytorch", "tensorflow", "keras"]
    value = schema["$defs"]["Cell"]["properties"]["value"]["anyOf"][0]
    assert value["enum"] == ["yes", "partial", "no", "deprecated", "removed"]
    assert "text" in schema["$defs"]["Cell"]["properties"]
    assert schema["$defs"]["Cell"]["additionalProperties"] is False


def test_every_real_data_file_names_its_schema():
    files = [
        *sorted((ROOT / "data/facts").glob("*.yaml")),
        ROOT / "data/sources.yaml",
        ROOT / "data/claims.yaml",
        ROOT / "data/concordance.yaml",
    ]
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_comment_for(rel), rel
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file() and json.loads(target.read_text())["$schema"]


def test_schema_is_valid_json_schema_where_jsonschema_is_installed():
    import pytest

    jsonschema = pytest.importorskip("jsonschema")
    for rel in SCHEMAS:
        jsonschema.Draft202012Validator.check_schema(json.loads((ROOT / rel).read_text()))
