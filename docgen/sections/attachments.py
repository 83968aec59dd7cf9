"""The sentences of 第四部分 附件: the overall evaluation report (附件1) and one evaluation report
per project (附件2).

The department's prose is reproduced as given; the figures in between (人员, 财政收入/支出总计 and
shares, 预算数, 到位数 and 到位率, 执行数) are derived from the model, so they match the narrative
and the performance tables.
"""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..model import Project
from ..pack.patterns import PAIRS, TEXT, Wording, declare, pattern
from ..phrase.book import Phrasebook, numbered, percent
from . import section
from .performance import project_subject

FAMILY = "attachments"
_OVERALL_HEADINGS = ("profile", "funds", "income", "spending", "performance", "budget")

declare("attachments", {
    "overall_title": pattern("department year"),
    "overall_title_second": pattern("department year"),
    # 附件1's headings (a 单位决算 words them for the unit: 单位概况, 单位财政资金收支情况 …).
    **{f"{key}_heading": pattern() for key in _OVERALL_HEADINGS},
    "staff": pattern("year total civil_servants public_service_staff other"),
    "staff_with_other": pattern("year total civil_servants public_service_staff other"),
    "income": pattern("total parts"), "income_none": TEXT,
    "spending": pattern("total parts"), "spending_none": TEXT,
    "part": pattern("label amount share"),
    "grant_sources": PAIRS, "spending_kinds": PAIRS,
    # Listed by a pack, 附件1's spending is 本年财政拨款支出 by fund instead of all spending by kind.
    "grant_spending_kinds": Wording("pairs", required=False),
    "funding_authority": TEXT,
    "project_title": pattern("name year"),
    "fund_plan": pattern("project authority budget sources"),
    "other_sources": pattern("grant other"), "no_other_sources": TEXT,
    "funds_received": pattern("project received rate"),
    "fund_use": pattern("project actual rate text"),
})


def _title_lines(first: str, year: int) -> tuple[str, str]:
    """A report title on two lines: the subject, then ``{year}年…评价报告``."""
    marker = f"{year}年"
    if marker in first and not first.startswith(marker):
        head, _, tail = first.partition(marker)
        return head, marker + tail
    return first, ""


def overall(book: Phrasebook, f: Figures) -> SimpleNamespace | None:
    r = f.report
    evaluation = r.performance.overall_evaluation
    if evaluation is None:
        return None
    d, staff = r.department, r.overview.staff
    words = book.words(FAMILY)
    fiscal_kinds = words.get("grant_spending_kinds")
    labels = dict(words["grant_sources"]) | dict(fiscal_kinds or words["spending_kinds"])

    def listing(parts) -> str:
        return book.words("structure")["separator"].join(
            book.fill(FAMILY, "part", label=labels[p.key], amount=p.amount, share=percent(p.share))
            for p in parts if p.amount)

    income_parts = f.grant_parts([key for key, _ in words["grant_sources"]])
    if fiscal_kinds:
        spending_total, spending_parts = f.grant_spending_this_year, f.grant_spending_parts([k for k, _ in fiscal_kinds])
    else:
        spending_total, spending_parts = f.spending_this_year, f.spending_parts
    staff_variant = "staff_with_other" if staff.other else "staff"
    return SimpleNamespace(
        title=book.fill(FAMILY, "overall_title", department=d.name, year=d.year),
        title_second=book.fill(FAMILY, "overall_title_second", department=d.name, year=d.year),
        headings=SimpleNamespace(**{key: book.fill(FAMILY, f"{key}_heading") for key in _OVERALL_HEADINGS}),
        organisation=r.overview.organisation or "",
        functions=numbered(book, r.overview.functions, "evaluation_functions"),
        staff=book.fill(FAMILY, staff_variant, year=d.year, total=staff.total, civil_servants=staff.civil_servants,
                        public_service_staff=staff.public_service_staff, other=staff.other),
        income=book.fill(FAMILY, "income", total=r.income.sources.fiscal_grants, parts=listing(income_parts))
        if r.income.sources.fiscal_grants else book.fill(FAMILY, "income_none"),
        spending=book.fill(FAMILY, "spending", total=spending_total, parts=listing(spending_parts))
        if spending_total else book.fill(FAMILY, "spending_none"),
        budget_management=evaluation.budget_management,
        results_use=evaluation.results_use,
        conclusion=evaluation.conclusion,
        problems=evaluation.problems,
        suggestions=numbered(book, evaluation.suggestions, "suggestions"),
    )


def project_report(book: Phrasebook, f: Figures, project: Project, index: int) -> SimpleNamespace:
    r = f.report
    year = r.department.year
    e = project.evaluation
    authority = r.performance.funding_authority or book.words(FAMILY)["funding_authority"]
    title = e.title or book.fill(FAMILY, "project_title", name=project.name, year=year)
    first, second = _title_lines(title, year)
    budget = project.budget
    received = f.project_received(project)
    others = f.project_other_funds(project)
    sources = (book.fill(FAMILY, "other_sources", grant=budget.grant, other=others) if others
               else book.fill(FAMILY, "no_other_sources"))
    path = f"$.performance.projects[{index}].evaluation"
    execution = f.project_completion(project)
    subject = project_subject(book, project.name)
    return SimpleNamespace(
        title=first,
        title_second=second,
        background=e.background,
        goals=e.goals,
        method=e.method,
        approval=e.approval,
        fund_plan=book.fill(FAMILY, "fund_plan", authority=authority, project=subject, budget=budget.total,
                            sources=sources),
        funds_received=book.fill(FAMILY, "funds_received", project=subject, received=received,
                                 rate=percent(f.project_received_rate(project))),
        fund_use=book.fill(FAMILY, "fund_use", {"text": f"{path}.fund_use"}, project=subject,
                           actual=project.execution.total, rate=percent(execution.rate), text=e.fund_use),
        financial_management=e.financial_management,
        organisation=e.organisation,
        management=e.management,
        supervision=e.supervision,
        completion=e.completion,
        benefits=e.benefits,
        conclusion=e.conclusion,
        problems=e.problems,
        suggestions=e.suggestions,
    )


@section("attachments", "附件", part=True)
def attachments(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    """``s.attachments``: ``overall`` (附件1, or None) and ``projects`` (附件2, those with a report)."""
    projects = f.report.performance.projects
    s.attachments = SimpleNamespace(
        overall=overall(book, f),
        projects=[project_report(book, f, p, i) for i, p in enumerate(projects) if p.evaluation is not None],
    )
