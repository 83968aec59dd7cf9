"""How many bugs of the phrasing, templates, tables and charts the self-check catches.

Each bug is described by a file of the repository and a text to replace in it (a wrong figure in a
sentence, swapped directions, swapped table columns, an off-by-one row, a chart fed last year …).
For each, a copy of ``docgen/`` and ``templates/`` is made in a temporary folder, the bug is written
into the copy, and both fixtures are rendered (``force``) in a fresh interpreter that imports the
copy. The bug counts as *caught* when a render is refused by the self-check (``self-check:``), as
*visible elsewhere* when the copy fails another way (a crash, a finding), and as *missed* when the
document is written. A bug whose text has moved to another file of the same folder is applied
there; one whose text is nowhere any more (the code changed) is reported as *no longer applies*,
never as a failure of the harness.

Usage::

    python tools/selfcheck_bugs.py              # the table and the total
    python tools/selfcheck_bugs.py --only 3 7   # some bugs by number
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = (ROOT / "fixtures" / "complete-department-2024.json", ROOT / "fixtures" / "lizhou-xunchaban-2020.json")
"""Rendered in turn, and the first once more with every last-year figure doubled (so that every
change is a decrease): a bug shows only where the data exercises it (a decrease, income ≠ spending)."""
NARRATIVE = "docgen/phrase/narrative.py"
BOOK = "docgen/phrase/book.py"
BASE = "templates/base/region.toml"

FIGURES = "docgen/figures.py"

BUGS: list[tuple[str, str, str, str]] = [
    # (what, file, text, replacement) — each replaces the first occurrence only; a text that moved is
    # followed into another file of the same folder, and ALTERNATIVES gives the same bug as the code
    # now writes it where it was rewritten
    ("收入总计 prints 本年收入合计", NARRATIVE,
     "income_total=f.income_total, spending_total=f.spending_total,",
     "income_total=f.income_this_year, spending_total=f.spending_total,"),
    ("财政拨款收入总计 prints the 收入总计 of all funds", NARRATIVE,
     "income_total=f.grant_income_total,", "income_total=f.income_total,"),
    ("the income change clause phrases the spending change", NARRATIVE,
     'words["income_subject"], f.income_change, prior,', 'words["income_subject"], f.spending_change, prior,'),
    ("一般公共预算 share of 支出总计 instead of 本年支出合计", NARRATIVE,
     "share=percent(f.general_budget_share),", "share=percent(f.general_budget_total * 100 / f.spending_total),"),
    ("section 六 prints basic spending from all sources", NARRATIVE,
     "total=f.basic_total)", "total=f.report.spending.kinds.basic)"),
    ("人员经费 includes the 公用经费", NARRATIVE,
     "amount=f.personnel_total,", "amount=f.personnel_total + f.public_total,"),
    ("因公出国 change computed from the budget", NARRATIVE,
     "Change(t.actual, t.prior_year)", "Change(t.budget, t.prior_year)"),
    ("公务用车 total leaves out the running costs", NARRATIVE,
     "actual=vp.actual + vo.actual,", "actual=vp.actual,"),
    ("公务接待 completion with budget and actual exchanged", NARRATIVE,
     "completion=completion_clause(book, Completion(rc.actual, rc.budget)),",
     "completion=completion_clause(book, Completion(rc.budget, rc.actual)),"),
    ("外事接待 prints the domestic amount", NARRATIVE,
     "amount=fgn.amount, batches=fgn.batches", "amount=dom.amount, batches=fgn.batches"),
    ("a fund's completion against last year instead of its budget", NARRATIVE,
     "completion=completion_clause(book, Completion(fund.actual, fund.budget)),",
     "completion=completion_clause(book, Completion(fund.actual, fund.prior_year)),"),
    ("a fund's change with this year and last year exchanged (direction reversed)", NARRATIVE,
     "Change(fund.actual, fund.prior_year),", "Change(fund.prior_year, fund.actual),"),
    ("机关运行经费 prints last year's amount", NARRATIVE, "actual=oc.current,", "actual=oc.prior,"),
    ("procurement goods ↔ services", NARRATIVE,
     "goods=p.goods, works=p.works, services=p.services,", "goods=p.services, works=p.works, services=p.goods,"),
    ("中小企业 share computed from 小微企业", NARRATIVE,
     "sme_share=percent(rate(p.awarded_to_sme, p.total))", "sme_share=percent(rate(p.awarded_to_small_micro, p.total))"),
    ("the fleet counted one short", NARRATIVE, "vehicles=a.vehicles.total,", "vehicles=a.vehicles.total - 1,"),
    ("the count of projects listed off by one", NARRATIVE,
     "count=len(pm.projects))", "count=len(pm.projects) - 1)"),
    ("a project's budget and execution exchanged", NARRATIVE,
     "budget=p.budget.total, actual=p.execution.total,", "budget=p.execution.total, actual=p.budget.total,"),
    ("增加/减少 swapped in every change clause", BOOK,
     "variant = change.direction.value",
     'variant = {"increase": "decrease", "decrease": "increase"}.get(change.direction.value, change.direction.value)'),
    ("大于/小于 swapped in every variance clause", BOOK,
     'book.fill("variance", completion.variance.value,',
     'book.fill("variance", {"over": "under", "under": "over"}.get(completion.variance.value, '
     'completion.variance.value),'),
    ("change rates computed against this year instead of last year", BOOK,
     "rate=percent(change.rate), prior_year=prior_year",
     "rate=percent(change.delta * 100 / change.current if change.current else None), prior_year=prior_year"),
    ("完成预算 rate from budget ÷ actual", BOOK,
     "return book.fill(family, variant, rate=percent(completion.rate))",
     "return book.fill(family, variant, rate=percent(completion.budget * 100 / completion.actual "
     "if completion.actual else None))"),
    ("template: 事业收入 labelled 上级补助收入 and back", BASE,
     '["superior_subsidy", "上级补助收入"],\n  ["public_service", "事业收入"],',
     '["superior_subsidy", "事业收入"],\n  ["public_service", "上级补助收入"],'),
    ("template: 基本支出 ↔ 项目支出 labels", BASE,
     '["basic", "基本支出"],\n  ["project", "项目支出"],\n  ["remitted_to_superior"',
     '["basic", "项目支出"],\n  ["project", "基本支出"],\n  ["remitted_to_superior"'),
    ("template: 机关运行经费 says 减少 for an increase", BASE,
     "机关运行经费支出{actual}万元，比{prior_year}年增加{change}万元，增长{rate}%。主要原因是",
     "机关运行经费支出{actual}万元，比{prior_year}年减少{change}万元，下降{rate}%。主要原因是"),
    ("template: 决算数大于 written for 小于", BASE,
     'under = "决算数小于预算数的主要原因是{reason}。"', 'under = "决算数大于预算数的主要原因是{reason}。"'),
    ("template: 增长 written where the change is a 下降", BASE,
     'decrease = "{subject}减少{change}万元，下降{rate}%，主要变动原因是{reason}"',
     'decrease = "{subject}减少{change}万元，增长{rate}%，主要变动原因是{reason}"'),
    ("statistical tables: 基本支出 ↔ 项目支出 columns of each 项", "docgen/statistics.py",
     "leaves.append((item.code, (item.actual, basic, project)))",
     "leaves.append((item.code, (item.actual, project, basic)))"),
    ("statistical tables: rows off by one (each row prints the next row's figures)", "docgen/tables/statistical.py",
     "        for row in block.rows:\n            rows.append(Row(self.code_cells(row) + tuple(self.amount(v) for v in row.values)))",
     "        for row, after in zip(block.rows, block.rows[1:] + block.rows[:1]):\n"
     "            rows.append(Row(self.code_cells(row) + tuple(self.amount(v) for v in after.values)))"),
    ("statistical tables: 支出决算表 kinds shifted (上缴上级 as 项目支出)", "docgen/statistics.py",
     "+ line.affiliate_subsidy, line.basic, line.project, line.remitted_to_superior,",
     "+ line.affiliate_subsidy, line.basic, line.remitted_to_superior, line.project,"),
    ("performance table: budget and execution columns exchanged", "docgen/tables/performance.py",
     'money = ((labels["budget"], b.total, labels["execution"], e.total),',
     'money = ((labels["budget"], e.total, labels["execution"], b.total),'),
    ("chart: this year's series fed last year's totals", "docgen/charts.py",
     "ooxml.Series(current, tuple(c.current for c in changes))", "ooxml.Series(current, tuple(c.prior for c in changes))"),
    ("chart: 一般公共预算 change chart with the years exchanged", "docgen/charts.py",
     "(change.prior, change.current)),))", "(change.current, change.prior)),))"),
    ("chart: a breakdown's values in the wrong order", "docgen/charts.py",
     "(ooxml.Series(name, tuple(a for _, a, _ in parts)),)",
     "(ooxml.Series(name, tuple(a for _, a, _ in parts[1:] + parts[:1])),)"),
]

ALTERNATIVES: dict[str, list[tuple[str, str, str]]] = {
    # what → [(file, text, replacement)]: where each figure is computed once in docgen/figures.py
    "公务用车 total leaves out the running costs": [
        (FIGURES, "return c.vehicle_purchase.actual + c.vehicle_operation.actual", "return c.vehicle_purchase.actual")],
    "公务接待 completion with budget and actual exchanged": [
        (FIGURES, "return Completion(rc.actual, rc.budget)", "return Completion(rc.budget, rc.actual)")],
    "a fund's completion against last year instead of its budget": [
        (FIGURES, "return Completion(fund.actual, fund.budget)", "return Completion(fund.actual, fund.prior_year)")],
    "中小企业 share computed from 小微企业": [
        (FIGURES, "return rate(p.awarded_to_sme, p.total)", "return rate(p.awarded_to_small_micro, p.total)")],
}


_RUN = """
import sys
sys.path.insert(0, {copy!r})
for name in [m for m in sys.modules if m == "docgen" or m.startswith("docgen.")]:
    del sys.modules[name]
import docgen
assert docgen.__file__.startswith({copy!r}), docgen.__file__
import json
from decimal import Decimal


def doubled(data):
    if isinstance(data, dict):
        return {{k: (str(Decimal(v) * 2) if k == "prior_year" else doubled(v)) for k, v in data.items()}}
    return [doubled(v) for v in data] if isinstance(data, list) else data


with open({fixtures!r}[0], encoding="utf-8") as stream:
    decreases = doubled(json.load(stream))
outcomes = []
for fixture in {fixtures!r} + [decreases]:
    try:
        docgen.render(fixture, force=True)
    except docgen.RenderError as exc:
        text = str(exc) + " ".join(exc.lines)
        outcomes.append("CAUGHT" if "self-check" in text else "OTHER " + text[:200])
    except Exception as exc:  # a crash, a finding: the bug shows, but not through the self-check
        outcomes.append("OTHER " + type(exc).__name__ + ": " + str(exc)[:200])
    else:
        outcomes.append("MISSED")
print("CAUGHT" if "CAUGHT" in outcomes else next((o for o in outcomes if o != "MISSED"), "MISSED"))
"""


def _holding(copy: Path, relative: str, old: str) -> Path | None:
    """The file of the copy that holds ``old``: ``relative``, or else (the code moved) the first file
    of the same kind under the same top folder that does."""
    target = copy / relative
    if target.exists() and old in target.read_text(encoding="utf-8"):
        return target
    for candidate in sorted((copy / relative.split("/")[0]).rglob(f"*{target.suffix}")):
        if old in candidate.read_text(encoding="utf-8"):
            return candidate
    return None


WITHOUT_PLACEMENT = ("docgen/selfcheck.py",
                     'found.extend(f"placement: {p}" for p in placement.problems(document, cleaned[:paragraphs], tables, '
                     'figures))', "pass")
"""``--without-placement``: measure the number look-up alone (the self-check before placement)."""


def run_bug(index: int | None, fixtures: tuple[Path, ...] = FIXTURES, also: tuple[str, str, str] | None = None
            ) -> tuple[str, str]:
    """(outcome, detail) of bug ``index`` (``None``: the code as it is): caught, other, missed or n/a."""
    what, relative, old, new = BUGS[index] if index is not None else ("", "docgen/__init__.py", "", "")
    with tempfile.TemporaryDirectory(prefix="docgen-bug-") as folder:
        copy = Path(folder)
        shutil.copytree(ROOT / "docgen", copy / "docgen", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "templates", copy / "templates")
        target = _holding(copy, relative, old)
        for relative_, old_, new_ in ALTERNATIVES.get(what, []) if target is None else []:
            target = _holding(copy, relative_, old_)
            if target is not None:
                old, new = old_, new_
                break
        if target is None:
            return "n/a", f"the text is no longer in {relative} (nor elsewhere under {relative.split('/')[0]}/)"
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
        if also is not None:
            extra = copy / also[0]
            extra.write_text(extra.read_text(encoding="utf-8").replace(also[1], also[2], 1), encoding="utf-8")
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run([sys.executable, "-c", _RUN.format(copy=str(copy), fixtures=[str(f) for f in fixtures])],
                              capture_output=True, text=True, env=env, timeout=300)
        out = (done.stdout.strip().splitlines() or [""])[-1]
        if out == "CAUGHT":
            return "caught", ""
        if out == "MISSED":
            return "missed", ""
        return "other", (out[6:] if out.startswith("OTHER ") else (done.stderr.strip().splitlines() or ["?"])[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", type=int, nargs="*", help="bug numbers (1-based)")
    parser.add_argument("--without-placement", action="store_true",
                        help="switch off docgen.placement in the copy: the number look-up alone")
    args = parser.parse_args(argv)
    also = WITHOUT_PLACEMENT if args.without_placement else None
    chosen = [n - 1 for n in args.only] if args.only else range(len(BUGS))
    baseline, detail = run_bug(None, also=also)
    if baseline != "missed":  # the unchanged code must render every data set without a refusal
        print(f"the unchanged code does not render cleanly ({baseline}: {detail}): no measurement")
        return 1
    counts: dict[str, int] = {}
    for index in chosen:
        outcome, detail = run_bug(index, also=also)
        counts[outcome] = counts.get(outcome, 0) + 1
        print(f"{index + 1:2}. {outcome:7} {BUGS[index][0]}" + (f" — {detail}" if detail else ""), flush=True)
    applied = sum(v for k, v in counts.items() if k != "n/a")
    caught = counts.get("caught", 0)
    print(f"\n{caught} of {applied} injected bugs caught by the self-check"
          + (f" ({caught / applied:.0%})" if applied else "")
          + f"; {counts.get('other', 0)} visible otherwise, {counts.get('missed', 0)} missed, "
            f"{counts.get('n/a', 0)} no longer apply")
    return 0


if __name__ == "__main__":
    sys.exit(main())
