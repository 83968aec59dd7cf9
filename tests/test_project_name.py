"""One name per project (rule ``project-name``): the complete fixture names each project one way;
another name in an attachment's title or in the department's texts is found where it is written."""

from __future__ import annotations

import json

import docgen
from conftest import ROOT
from docgen.rules.projects import stem

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"


def project_name_findings(data, region="sichuan"):
    return [(f.path, f.actual) for f in docgen.check(data, region=region) if f.rule == "project-name"]


def complete() -> dict:
    return json.loads(COMPLETE.read_text(encoding="utf-8"))


def test_the_complete_fixture_names_each_project_one_way():
    assert project_name_findings(complete()) == []


def test_an_attachment_title_with_another_name_is_found():
    data = complete()
    project = data["performance"]["projects"][1]
    year = data["department"]["year"]
    other = stem(project["name"]) + "项目"
    project["evaluation"]["title"] = f"{other}{year}年绩效评价报告"
    assert project_name_findings(data) == [("$.performance.projects[1].evaluation.title",
                                            f"{other}{year}年绩效评价报告")]
    project["evaluation"]["title"] = f"{project['name']}{year}年绩效评价报告"
    assert project_name_findings(data) == []


def test_a_text_quoting_the_project_under_another_name_is_found():
    data = complete()
    project = data["performance"]["projects"][1]
    other = stem(project["name"]) + "项目"
    project["evaluation"]["organisation"] = f"“{other}”由县农业农村局统筹组织。"
    data["performance"]["ex_ante_assessed"].append(other)
    found = project_name_findings(data)
    assert found == [("$.performance.ex_ante_assessed[2]", other),
                     ("$.performance.projects[1].evaluation.organisation", other)]


def test_endings_that_name_the_money_are_not_the_project():
    assert stem("农业综合执法及农村改革专项经费") == stem("农业综合执法及农村改革项目") == "农业综合执法及农村改革"
    assert stem("高标准农田建设项目") == "高标准农田建设"
    assert stem("项目") == "项目"  # a name is never emptied


def test_the_reference_as_published_titles_a_report_with_another_name():
    found = project_name_findings(ROOT / "fixtures" / "lizhou-xunchaban-2020.json", region="sichuan-2020")
    assert ("$.performance.projects[0].evaluation.title", "巡察专项项目2020年绩效评价报告") in found
