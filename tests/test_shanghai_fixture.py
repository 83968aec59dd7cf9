"""fixtures/shanghai-department-2024.json: a fictional 上海 department whose figures agree, filling
every field a pack of the current templates requires, and rendering through today's packs."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest

import docgen
from conftest import ROOT, cell_grid, without_statistical_tables
from docgen.figures import Figures
from docgen.rules.requirements import REQUIREMENTS, missing_fields

FIXTURE = ROOT / "fixtures" / "shanghai-department-2024.json"


@pytest.fixture(scope="module")
def report():
    return docgen.load(FIXTURE)


def test_no_errors_under_the_default_pack():
    """Warnings only where today's sichuan wording does not print what the current templates need:
    reasons it has no sentence for, and the vehicle classes its “三公” sentence leaves out."""
    findings = docgen.check(FIXTURE)
    assert [str(f) for f in findings if f.level == "error"] == []
    assert {f.rule for f in findings} <= {"reason-unprinted", "fleet-classes"}


def test_every_section_a_current_pack_may_print_has_its_fields(report):
    assert list(missing_fields(report, list(REQUIREMENTS))) == []


def test_what_the_fixture_exercises(report):
    units = report.overview.units
    assert len(units) == 3 and "本级" in units[0].name
    assert report.income.carry_over_start > 0 and report.spending.carry_over_end > 0
    assert report.government_fund.items and report.government_fund.items[0].purpose
    assert report.three_public_costs.actual > 0 and report.assets.vehicles.total == report.assets.vehicles.stated_total
    assert report.procurement.reserved is not None
    assert report.performance.management.grades.total == report.performance.management.self_evaluated.projects
    assert all(p.funds is not None for p in report.performance.projects)


def test_figures_the_current_templates_print(report):
    f = Figures(report)
    initial = f.general_budget_initial_completion
    assert (initial.actual, initial.budget, initial.rate) == (Decimal("1491.60"), Decimal("1497.00"), Decimal("99.64"))
    assert [(c.key, c.completion.rate) for c in f.three_public_categories] == [
        ("travel", Decimal("80.83")), ("vehicles", Decimal("91.11")), ("reception", Decimal("72.50"))]
    change = f.three_public_change
    assert (change.direction.value, change.delta, change.rate) == ("decrease", Decimal("21.40"), Decimal("59.61"))
    assert f.small_micro_share_of_sme == Decimal("70.84")
    assert [(k.key, k.share) for k in f.sme_shares_by_kind] == [
        ("goods", Decimal("71.88")), ("works", None), ("services", Decimal("84.04"))]
    scores = [f.project_scores[p] for p in report.performance.projects]
    assert [(s.execution_score, s.total_score) for s in scores] == [
        (Decimal("9.30"), Decimal("95.30")), (Decimal("9.29"), Decimal("94.29"))]


@pytest.mark.parametrize("region", ["sichuan", "sichuan-2020"])
def test_it_renders_through_todays_packs(region):
    document = docx.Document(io.BytesIO(docgen.render(FIXTURE, region=region)))
    tables = without_statistical_tables(document.tables)
    assert len(tables) == 4  # two projects, each a head and its indicators (the head repeats alone)
    first = cell_grid(tables[0]._tbl)
    assert "绿色建筑评价标识复核" in first[0][1][0]
