"""``docgen schema``: the JSON Schema is generated from the model, and both fixtures validate."""

from __future__ import annotations

import json

import attrs
import jsonschema
import pytest

import docgen

from conftest import REFERENCE_FIXTURE, ROOT
from docgen.cli import main
from docgen.importing.schema import schema
from docgen.model import Report

FIXTURES = [ROOT / "fixtures" / "complete-department-2024.json", REFERENCE_FIXTURE]


@pytest.fixture(scope="module")
def validator():
    generated = schema()
    jsonschema.Draft202012Validator.check_schema(generated)
    return jsonschema.Draft202012Validator(generated)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_both_fixtures_validate(validator, path):
    assert list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))) == []


def test_every_model_field_is_a_property():
    generated = schema()
    assert set(generated["properties"]) == {f.name for f in attrs.fields(Report)}
    assert set(generated["required"]) == {f.name for f in attrs.fields(Report) if f.default is attrs.NOTHING}
    item = generated["$defs"]["FunctionalItem"]
    assert item["properties"]["code"]["pattern"] == "^([0-9]{7})$"
    assert item["properties"]["reason"]["description"].startswith("Why actual differs from budget")


@pytest.mark.parametrize("change, where", [
    (lambda d: d["income"].update(totl={}), "totl"),
    (lambda d: d["general_budget"]["items"][0].update(code="20805"), "20805"),
    (lambda d: d["income"]["sources"].update(other="五元"), "五元"),
    (lambda d: d.pop("department"), "department"),
])
def test_what_the_loader_refuses_the_schema_refuses(validator, minimal, change, where):
    change(minimal)
    errors = [e.message for e in validator.iter_errors(minimal)]
    assert errors and any(where in m for m in errors), errors


def test_editor_keys_are_allowed(validator, minimal):
    minimal["$schema"] = "./docgen.schema.json"
    assert list(validator.iter_errors(minimal)) == []
    assert docgen.load(minimal).department.year == 2021  # the loader ignores them too


def test_the_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(schema()))


@pytest.mark.parametrize("change, where", [
    (lambda d: d["department"].update(short_name="  "), "short_name"),
    (lambda d: d["overview"]["functions"].append(""), "functions"),
    (lambda d: d.setdefault("assets", {}).update(general_equipment_over_500k=-1), "general_equipment_over_500k"),
])
def test_the_models_validators_are_in_the_schema(validator, minimal, change, where):
    change(minimal)
    errors = list(validator.iter_errors(minimal))
    assert errors and any(where in "/".join(map(str, e.absolute_path)) for e in errors), [e.message for e in errors]
    with pytest.raises(docgen.InputError):
        docgen.load(minimal)
