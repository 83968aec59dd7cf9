"""The input-format reference is generated from the model: it must be current, and the model
must carry the docstrings it is generated from."""

from __future__ import annotations


from conftest import script


def _generator():
    return script("tools/input_format_doc.py")


SELF_EXPLANATORY = {
    "name", "code", "amount", "actual", "budget", "prior_year", "change_reason", "term", "explanation",
}
"""Field names that may go without a docstring: the page gives them a generic meaning."""


def test_input_format_page_is_current():
    doc = _generator()
    assert doc.is_current(doc.OUTPUT), (
        "docs/input-format.md is stale: run `python tools/input_format_doc.py` and commit the result")


def test_every_model_class_and_field_is_documented():
    """Every class reachable from Report has a docstring; every field has its own docstring,
    or a name in SELF_EXPLANATORY, or a model class for its type that no other field uses (the
    class's docstring then describes the field: a shared class says nothing about which use)."""
    doc = _generator()
    classes = doc.reachable_classes()
    uses: dict[type, int] = {}
    for cls in classes:
        for _, hint in doc.model_fields(cls):
            for target in doc._model_classes_in(hint):
                uses[target] = uses.get(target, 0) + 1

    missing_class_docs = [cls.__name__ for cls in classes if not doc.class_docstring(cls)]
    missing_field_docs = []
    for cls in classes:
        docs = doc.field_docstrings(cls)
        for field, hint in doc.model_fields(cls):
            if field.name in docs or field.name in SELF_EXPLANATORY:
                continue
            targets = doc._model_classes_in(hint)
            if len(targets) == 1 and uses[targets[0]] == 1 and doc.class_docstring(targets[0]):
                continue
            missing_field_docs.append(f"{cls.__name__}.{field.name}")

    assert not missing_class_docs, f"classes without a docstring: {', '.join(missing_class_docs)}"
    assert not missing_field_docs, (
        "fields without a docstring (add a string literal right after each in docgen/model/, then "
        f"run python tools/input_format_doc.py): {', '.join(missing_field_docs)}")


def test_self_explanatory_names_have_a_generic_meaning_on_the_page():
    assert SELF_EXPLANATORY <= set(_generator().GENERIC_MEANINGS)
