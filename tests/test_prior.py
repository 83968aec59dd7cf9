"""Last year's data carries forward: ``docgen init --prior`` and ``docgen import --prior``."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import docgen
from conftest import ROOT
from docgen.cli import main
from docgen.figures import Figures
from export_writer import write_export

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"


@pytest.fixture
def last_year(tmp_path):
    """The complete fixture as if it were last year's report (its year less one)."""
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))
    data["department"]["year"] -= 1
    path = tmp_path / "2022.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_init_fills_every_prior_year_figure_and_carries_the_usual_texts(last_year, tmp_path, capsys):
    target = tmp_path / "2023.json"
    assert main(["init", "--prior", str(last_year), "-o", str(target)]) == 0
    new = json.loads(target.read_text(encoding="utf-8"))
    last = docgen.load(last_year)
    figures = Figures(last)
    assert new["department"] == {"name": last.department.name, "short_name": last.department.short_name,
                                 "region": last.department.region, "year": last.department.year + 1}
    assert Decimal(new["income"]["total"]["prior_year"]) == figures.income_total
    assert Decimal(new["fiscal_grants"]["spending_total"]["prior_year"]) == figures.grant_spending_total
    assert Decimal(new["general_budget"]["total"]["prior_year"]) == figures.general_budget_total
    assert Decimal(new["three_public_costs"]["reception"]["prior_year"]) == last.three_public_costs.reception.actual
    assert Decimal(new["operating_costs"]["prior_year"]) == last.operating_costs.actual
    assert new["overview"]["functions"] == list(last.overview.functions)
    assert new["codes"][0]["explanation"] == last.codes[0].explanation
    assert "overview.functions" in new["$review"] and "codes" in new["$review"]
    assert "key_work" not in new["overview"]  # this year's work is this year's to write
    assert len(new["last_year"]["figures"]) == 12
    assert "12 上年数" in capsys.readouterr().out


def test_init_never_overwrites(last_year, tmp_path, capsys):
    target = tmp_path / "2023.json"
    target.write_text("{}", encoding="utf-8")
    assert main(["init", "--prior", str(last_year), "-o", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "{}"
    assert "exists; not overwritten" in capsys.readouterr().err


def test_a_prior_year_figure_that_disagrees_with_last_years_report_is_a_finding(last_year, tmp_path, capsys):
    export = write_export(json.loads(COMPLETE.read_text(encoding="utf-8")), tmp_path / "export.xlsx")
    target = tmp_path / "2023.json"
    target.write_text(COMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["import", str(export), "-o", str(target), "--prior", str(last_year)]) == 0
    out = capsys.readouterr().out
    assert "$.income.total.prior_year: 上年数 1180.20 differs from" in out
    findings = [f for f in docgen.check(target) if f.rule == "prior-year"]
    assert "$.income.total.prior_year" in [f.path for f in findings]
    assert findings[0].level == "error"


def test_import_with_prior_into_a_new_file_fills_the_prior_year(last_year, tmp_path):
    export = write_export(json.loads(COMPLETE.read_text(encoding="utf-8")), tmp_path / "export.xlsx")
    target = tmp_path / "2023.json"
    assert main(["import", str(export), "-o", str(target), "--prior", str(last_year)]) == 0
    new = json.loads(target.read_text(encoding="utf-8"))
    assert new["department"]["year"] == json.loads(COMPLETE.read_text(encoding="utf-8"))["department"]["year"]
    assert Decimal(new["operating_costs"]["prior_year"]) == Decimal("86.40")
    assert Decimal(new["operating_costs"]["actual"]) == Decimal("86.40")
    assert [f for f in docgen.check({**json.loads(COMPLETE.read_text(encoding="utf-8")), "last_year": new["last_year"]})
            if f.rule == "prior-year"]


def test_last_years_file_must_be_the_year_before(tmp_path, capsys):
    export = write_export(json.loads(COMPLETE.read_text(encoding="utf-8")), tmp_path / "export.xlsx")
    assert main(["import", str(export), "-o", str(tmp_path / "x.json"), "--prior", str(COMPLETE)]) == 2
    assert "not the year before" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_what_the_export_gives_is_not_left_for_review(last_year, tmp_path):
    export = write_export(json.loads(COMPLETE.read_text(encoding="utf-8")), tmp_path / "export.xlsx")
    target = tmp_path / "2023.json"
    assert main(["import", str(export), "-o", str(target), "--prior", str(last_year)]) == 0
    review = json.loads(target.read_text(encoding="utf-8"))["$review"]
    assert "overview.functions" in review and "overview.staff" not in review  # 财决附03 gives the staff


def test_last_years_fill_in_workbook_serves_as_well(last_year, tmp_path):
    from docgen.importing.workbook import write_workbook

    workbook = tmp_path / "2022.xlsx"
    workbook.write_bytes(write_workbook(json.loads(last_year.read_text(encoding="utf-8"))))
    assert main(["init", "--prior", str(workbook), "-o", str(tmp_path / "a.json")]) == 0
    assert main(["init", "--prior", str(last_year), "-o", str(tmp_path / "b.json")]) == 0
    assert (json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
            == json.loads((tmp_path / "b.json").read_text(encoding="utf-8")))
