"""One name per project: the table, the sentences and the attachment name a project as its
``name`` does. A project is identified by that name everywhere the report prints it (the
绩效目标完成情况 list, its table, its 附件 heading); the department's own texts that quote it, the
事前绩效评估 list and an evaluation report's own title must use the same name, or the auditor reads
two projects where there is one (农业综合执法及农村改革项目 beside …专项经费)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import WARNING, Found, RuleContext, rule
from .walk import report_leaves

_SUFFIXES = ("专项经费", "专项资金", "工作经费", "经费", "资金", "项目", "专项")
"""Endings that name the kind of money, not the project: 农业综合执法及农村改革项目 and
农业综合执法及农村改革专项经费 are one project."""

_QUOTED = re.compile(r"“([^“”]{2,80})”")
_NAME_PATH = re.compile(r"\$\.performance\.projects\[\d+\]\.name")
_ASSESSED_PATH = re.compile(r"\$\.performance\.ex_ante_assessed\[\d+\]")


def stem(name: str) -> str:
    """A project's name without the endings of :data:`_SUFFIXES` (several may follow each other)."""
    name = name.strip()
    while True:
        ending = next((s for s in _SUFFIXES if name.endswith(s) and len(name) > len(s) + 1), None)
        if ending is None:
            return name
        name = name[:-len(ending)]


def _other_names(ctx: RuleContext, names: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(path, name as written, the project's name) for each quoted name in the department's texts
    and each 事前绩效评估 entry that names a project of the table differently."""
    for leaf in report_leaves(ctx.report):
        if not isinstance(leaf.value, str) or not leaf.path.startswith("$.performance"):
            continue
        if _NAME_PATH.fullmatch(leaf.path):
            continue
        written = ([leaf.value] if _ASSESSED_PATH.fullmatch(leaf.path)
                   else _QUOTED.findall(leaf.value) if "“" in leaf.value else ())
        for quoted in written:
            name = names.get(stem(quoted))
            if name is not None and quoted.strip() != name:
                yield leaf.path, quoted, name


@rule("project-name", WARNING, "同一项目在表格、文字和附件中名称一致",
      example="“农业综合执法及农村改革项目”与项目名称“农业综合执法及农村改革专项经费”不一致：同一项目各处应使用同一名称")
def project_name(ctx: RuleContext) -> Iterator[Found]:
    """A project's evaluation report (附件) titled without the project's ``name``; a text of
    ``performance`` (a summary, an evaluation report, the 事前绩效评估 list) that quotes a project
    of the table under another name: one that differs only in an ending such as 项目, 专项经费 or
    资金."""
    projects = ctx.report.performance.projects
    names = {stem(p.name): p.name for p in projects}
    for i, project in enumerate(projects):
        title = project.evaluation.title if project.evaluation is not None else None
        if title and project.name not in title:
            yield Found(f"$.performance.projects[{i}].evaluation.title",
                        f"附件标题“{title}”不含项目名称“{project.name}”：同一项目各处应使用同一名称",
                        expected=project.name, actual=title)
    for path, written, name in _other_names(ctx, names):
        yield Found(path, f"“{written}”与项目名称“{name}”不一致：同一项目各处应使用同一名称",
                    expected=name, actual=written)
