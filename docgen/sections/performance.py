"""预算绩效管理情况: goals, monitoring, self-evaluation, each project's completion (its tables: one
per project) and the evaluation results. The reference prints it as （四） of 其他重要事项; a pack
that lists ``performance`` in its order prints it as a section of its own (上海: 十、预算绩效管理情况).
"""

from __future__ import annotations

from types import SimpleNamespace

from .. import formatting as fmt
from ..figures import Figures
from ..pack.patterns import PHRASES, TEXT, declare, pattern
from ..phrase.book import Phrasebook, completion_clause, numbered
from . import section

declare("performance", {
    "management": pattern("ex_ante goals_set monitored self_evaluated"),
    "management_no_ex_ante": pattern("goals_set monitored self_evaluated"),
    "projects_heading": TEXT,
    "projects": pattern("year names count"),
    "no_projects": pattern("year"),
    "project_name": pattern("name"),
    "project": pattern("project budget actual completion summary problems improvements"),
    "project_subject": pattern("name"),
    "project_subject_ending": pattern("name"),
    "project_completion": pattern("rate"),
    "results_heading": TEXT,
    "overall_result": pattern("year department attachment"),
    "projects_result": pattern("year names attachment"),
    # The evaluation reports are not attached (none given, or the pack omits 附件): no 见附件.
    "overall_result_unattached": pattern("year department"),
    "projects_result_unattached": pattern("year names"),
    # 预算绩效管理工作开展情况 as one paragraph of the year's figures (上海 十); only packs that print it set it.
    "work": pattern("department year systems mechanism goals_set goals_amount monitored monitored_amount "
                    "self_evaluated self_evaluated_amount average_score excellent good passed failed "
                    "problems_found rectified in_progress", required=False),
    "system_name": pattern("name", required=False),
})


def attachment_labels(book: Phrasebook, f: Figures) -> tuple[str | None, str | None]:
    """The labels (附件1 …) of the overall and the project evaluation reports, in the order 附件
    prints them; None for what is not attached."""
    pm = f.report.performance
    attached = "attachments" not in book.region.omitted
    overall = attached and pm.overall_evaluation is not None
    projects = attached and any(p.evaluation is not None for p in pm.projects)
    style = book.region.section("numbering")["attachment"]
    return (fmt.list_number(style, 1) if overall else None,
            fmt.list_number(style, 1 + overall) if projects else None)


def project_subject(book: Phrasebook, name: str) -> str:
    """A project as the subject of a sentence: “name”项目, or “name” alone when the name already
    ends in 项目 (``project_subject_ending``), so no 项目 is doubled."""
    variant = "project_subject_ending" if name.endswith("项目") else "project_subject"
    return book.fill("performance", variant, name=name)


@section("performance", "预算绩效管理情况", tables=("performance",))
def performance(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    d, pm = r.department, r.performance
    fam = "performance"
    counts = dict(goals_set=pm.goals_set, monitored=pm.monitored, self_evaluated=pm.self_evaluated)
    if pm.ex_ante_assessed:
        s.performance_management = book.fill(fam, "management", ex_ante="、".join(pm.ex_ante_assessed), **counts)
    else:
        s.performance_management = book.fill(fam, "management_no_ex_ante", **counts)
    s.overall_self_evaluation = pm.overall_self_evaluation
    s.projects_heading = book.fill(fam, "projects_heading")
    s.results_heading = book.fill(fam, "results_heading")
    names = "".join(book.fill(fam, "project_name", name=p.name) for p in pm.projects)
    s.projects_lead = (book.fill(fam, "projects", year=d.year, names=names, count=len(pm.projects))
                       if pm.projects else book.fill(fam, "no_projects", year=d.year))
    lines = []
    for p in pm.projects:
        completion = f.project_completion(p)
        lines.append(book.fill(fam, "project", project=project_subject(book, p.name), budget=p.budget.total, actual=p.execution.total,
                               completion=completion_clause(book, completion, "performance", "project_completion"),
                               summary=p.summary, problems=p.problems, improvements=p.improvements))
    s.projects = numbered(book, lines, "projects")
    overall_label, projects_label = attachment_labels(book, f)
    s.overall_result = (book.fill(fam, "overall_result", year=d.year, department=d.name, attachment=overall_label)
                        if overall_label else book.fill(fam, "overall_result_unattached", year=d.year,
                                                        department=d.name))
    s.projects_result = ("" if not pm.projects else
                         book.fill(fam, "projects_result", year=d.year, names=names, attachment=projects_label)
                         if projects_label else book.fill(fam, "projects_result_unattached", year=d.year, names=names))
    s.performance_work = _work(book, r) if "work" in book.words(fam) else ""


def _work(book: Phrasebook, r) -> str:
    """上海 十: systems, mechanism and the year's counts; a text-missing finding without management."""
    m = r.performance.management
    name = book.region.department_name(r.department)
    if m is None:
        names = PHRASES["performance"]["work"].placeholders
        return book.fill("performance", "work", dict.fromkeys(names, "$.performance.management"),
                         **dict.fromkeys(names) | {"department": name, "year": r.department.year})
    systems = "、".join(book.fill("performance", "system_name", name=n) for n in m.systems)
    return book.fill(
        "performance", "work", {"systems": "$.performance.management.systems",
                                "mechanism": "$.performance.management.mechanism"},
        department=name, year=r.department.year, systems=systems, mechanism=m.mechanism,
        goals_set=m.goals_set.projects, goals_amount=m.goals_set.amount, monitored=m.monitored.projects,
        monitored_amount=m.monitored.amount, self_evaluated=m.self_evaluated.projects,
        self_evaluated_amount=m.self_evaluated.amount, average_score=m.average_score,
        excellent=m.grades.excellent, good=m.grades.good, passed=m.grades.passed, failed=m.grades.failed,
        problems_found=m.problems.found, rectified=m.problems.rectified, in_progress=m.problems.in_progress)
