"""Generate ``docs/rules.md``, the checker's rule catalogue, from the registry in ``docgen/rules/``.

Each rule's id, level, title, parameters, description (its function's docstring) and example
message come from the registry; the command-line output shown is produced by running the command
line on the reference fixture, so the page cannot drift from the code.

Usage::

    python tools/rules_doc.py            # (re)write docs/rules.md
    python tools/rules_doc.py --check    # exit 1 if docs/rules.md is stale
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere, without installing docgen
    sys.path.insert(0, str(ROOT))

from docgen.rules import RULES  # noqa: E402

OUTPUT = ROOT / "docs" / "rules.md"
FIXTURE = ROOT / "fixtures" / "lizhou-xunchaban-2020.json"

THEMES = {
    "docgen.rules.identities": ("Identities", "The identities of domain.md §5 between figures typed separately."),
    "docgen.rules.stated": ("Figures stated twice", "A total, rate or share the department states against the one "
                            "derived from the amounts."),
    "docgen.rules.reasons": ("Reasons", "A reason wherever a sentence needs one, and none left over."),
    "docgen.phrase": ("Reasons", "A reason wherever a sentence needs one, and none left over."),
    "docgen.api": ("Reasons", "A reason wherever a sentence needs one, and none left over."),
    "docgen.rules.prose": ("Numbers and directions in the prose", "Amounts, rates and counts written in reasons, "
                           "purposes and evaluation reports against the data; a reason's direction against its "
                           "change."),
    "docgen.rules.cross": ("Cross-checks", "Figures of one section against those of another that they must agree "
                           "with."),
    "docgen.rules.codes": ("Classification codes", "Codes known to the catalogue, named as it names them, listed "
                           "once."),
    "docgen.rules.text": ("The department's text", "Leftover template text, doubled phrases, known typos, stray "
                          "years, in every text field."),
    "docgen.rules.amounts": ("Impossible or questionable amounts", ""),
    "docgen.rules.links": ("Soft links", "Figures of the economic and functional classifications that usually "
                           "agree (warnings)."),
    "docgen.rules.prior": ("Last year's report", "This year's 上年数 against the figures last year's report "
                           "printed (kept in `last_year` by `docgen init --prior`)."),
    "docgen.statistics": ("Found by the statistical tables", "Registered so that they are listed and a pack can "
                          "set their level."),
    "docgen.rules.disclosure": ("The current templates' figures", "Vehicles by class, 政府采购 reservations, "
                                "预算绩效管理 grades, fund items and the 预算管理一体化 project table (上海 2024, "
                                "四川 2022–2025); silent while the fields are not given."),
    "docgen.rules.projects": ("One name per project", "A project is named as its table names it in the text, "
                              "the 事前绩效评估 list and its 附件."),
    "docgen.rules.requirements": ("Fields a pack requires", "A pack that prints a sentence lists its section, and "
                                  "every field the sentence needs is then required, reported by its JSON path."),
}


def _cli(*args: str) -> tuple[int, str]:
    from docgen.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


def _param(value) -> str:
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def catalogue() -> list[str]:
    lines = ["## The catalogue", "", "| id | level | checks |", "|---|---|---|"]
    for rule_id, entry in RULES.items():
        mark = " (blocking)" if entry.blocking else ""
        lines.append(f"| [`{rule_id}`](#{rule_id}) | {entry.level}{mark} | {entry.title} |")
    lines.append("")
    theme = None
    for rule_id, entry in RULES.items():
        title, text = THEMES[entry.source]
        if title != theme:
            theme = title
            lines += [f"### {title}", ""]
            if text:
                lines += [text, ""]
        lines += [f"#### `{rule_id}`", "", f"**{entry.level}**" + (", blocking" if entry.blocking else "")
                  + f" · {entry.title}", ""]
        if entry.doc:
            lines += [entry.doc.replace("``", "`"), ""]
        if entry.params:
            lines += ["Parameters: " + "; ".join(f"`{k}` = `{_param(v)}`" for k, v in entry.params.items()) + ".", ""]
        if entry.source in ("docgen.phrase", "docgen.statistics"):
            lines += [f"Found by `{entry.source}`.", ""]
        if entry.example:
            lines += ["```text", f"{entry.example} [{rule_id}]", "```", ""]
        if rule_id == "field-required":
            lines += _requirements()
    return lines


def _requirements() -> list[str]:
    """The section ids a pack may list in ``[rules.field-required] sections``, with their fields."""
    from docgen.rules.requirements import REQUIREMENTS, TITLES

    lines = ["| section | prints | fields required (`… if x`: only when `x` is not zero) |", "|---|---|---|"]
    for section, paths in REQUIREMENTS.items():
        fields = ", ".join(f"`{p.replace(' if ', '` if `')}`" for p in paths)
        lines.append(f"| `{section}` | {TITLES[section]} | {fields} |")
    return lines + [""]


INTRO = """# The checker's rules

<!-- Generated by tools/rules_doc.py from the registry in docgen/rules/. Do not edit by hand:
run `python tools/rules_doc.py`. -->

docgen has the data before the document exists, so it checks everything a public checker of
published reports checks — totals that must balance, a 类 against the sum of its 项, a stated rate
against the computed one, leftover template text — before rendering, and then reads its own output
back.

- `docgen check DATA` runs every rule and prints the findings grouped by the report's sections; it
  exits 1 when there is an error (warnings alone exit 0). `--json` prints them for machines.
- `docgen render DATA -o OUT` runs the same checks first and prints the findings either way. On an
  error it writes nothing, unless `--force` (`docgen.render(..., force=True)` from Python). A
  **blocking** rule (`code-unknown`, `reason-missing`, `text-missing`) stops the report even with
  `--force`: a sentence would be incomplete or a name unknown.
- `docgen rules [--region NAME]` lists the catalogue with the levels and parameters a region sets.

A finding has a stable rule id, a level (`error` or `warning`), a message a finance officer
understands, the JSON path of the field to look at and, where two figures disagree, the value
expected (the derived or catalogue one) and the value the data has. The line printed is
`level: path: message [rule]`.

## The reference report as published

`fixtures/lizhou-xunchaban-2020.json` keeps the published figures where they are wrong
(domain.md §9), so the check finds them:

```text
$ docgen check fixtures/lizhou-xunchaban-2020.json
{check}```

Exit code {check_code}. The errors are the defects §9 lists that the fixture records, and one that
§9 does not list:

- §9.4 收入总计 421.06 ≠ 支出总计 429.51 (`income-spending-balance`): the report leaves out the 8.45
  of 年初结转和结余 that balances them. Section 四 repeats the omission for the 财政拨款 totals, a
  sentence of its own fixed in a field of its own (`fiscal_grants.carry_over_start`), so
  `grant-balance` reports it too.
- §9.3 类 201 stated 386.49 against Σ项 382.48, 类 221 stated 14.13 against Σ项 14.14
  (`class-sum`, one finding per 类), and the total: the 项 sum to 425.51, not the 429.51 printed
  as 一般公共预算财政拨款支出 — one `general-budget-total` finding, beside the two 类 that cause it,
  because the total is printed in sentences of its own (and its 完成预算99.38% is 425.51 ÷ 428.17).
- §9.5 机关运行经费 增长23.79% where 6.28 / 26.39 = 23.80% (`stated-rate`; the fixture records the
  printed 23.79 in `operating_costs.stated_change_rate`; the narrative prints the computed 23.80).
- last year's 收入总计 247.20 ≠ 支出总计 237.54 as printed, in sections 一 and 四 alike
  (`prior-year-identities`): last year's figures leave out a carry-over of 9.66 the same way.

The warnings: §9.9 住房公积金 27.02 (economic) against 14.14 (functional) (`economic-functional-link`);
§9.6 `项目目` in the 事前绩效评估 sentence copied from another department (the copying itself no
rule can know, its typo is found) and `己` for `已` three times (`text-typo`); and the statistical
tables' own warnings — they need detail the fixture does not give (`detail-missing`), and the
支出决算表, which follows from the 项 because all spending is grants, sums to 425.51 where the
narrative's 本年支出合计 is 429.51 (`detail-mismatch`, the §9.3 total once more, seen from the
tables). The reference renders with `docgen render fixtures/lizhou-xunchaban-2020.json -o
report.docx --force`.

## Tolerance and region control

One tolerance, `0.01` (万元) by default: two amounts agree when they differ by less than it, so
amounts agree to the cent as printed (89.496 against 89.50 agrees; 14.13 against 14.14 does not).
Rates and shares use the same number in percentage points: a stated rate is compared with the rate
the report prints (rounded half up to 2 places), a stated share with the exact share (the
largest-remainder rounding that makes shares add up to 100 may round either way).

Every rule and the tolerance are data, in the `[rules]` table of `templates/base/region.toml`;
a pack overrides what differs:

```toml
[rules]
tolerance = "0.05"

[rules.three-public-over-budget]
level = "error"          # a bureau that treats overspending as an error

[rules.count-amount]
enabled = false          # switched off

[rules.text-year]
allow = [-1, 0, 1]       # next year's plans may be named

[rules.reason-missing]
min_rate = 10            # a change under 10% needs no reason
```

An unknown rule id or setting, a value of the wrong type, or an attempt to switch off or lower a
blocking rule is refused when the pack is used (exit code 2). `reason-missing`'s `min_rate` also
chooses the wording: a change below it without a reason takes the `increase_minor` /
`decrease_minor` variant of its family (`[phrases.change]`, `[phrases.year_on_year]`,
`[phrases.operating_costs]`), which names no reason.
"""

CONSTRUCTION = """## Holds by construction

The model derives these totals from their parts, so they cannot disagree and no rule checks them
(domain.md §5):

- 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余; 本年收入合计 = Σ sources.
- 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余; 本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 +
  对附属单位补助.
- 财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算; 财政拨款收入总计 and 支出总计 likewise.
- 一般公共预算财政拨款支出 = Σ 项 (Σ 类 where no 类 total is stated); 类 = Σ 款 = Σ 项 in every
  statistical table (their rows are sums of the 项).
- 基本支出 = 人员经费 (301 + 303) + 公用经费 (302 + 310): the split follows from the codes
  (`basic-line-class` checks that every line has one of them).
- “三公” = 因公出国（境） + 公务用车购置 + 公务用车运行维护 + 公务接待; 公务接待 = 国内 (外事 included);
  其他国内公务接待 = 国内 − 外事 (`part-within-whole` keeps it from going negative).
- Every change, rate, completion rate and share is computed (`docgen/derive.py`), and each figure is
  computed once (`docgen/figures.py`), so the text, the tables and the charts print the same number.
  Where the department states such a figure, `stated-rate` and `stated-share` compare it.

## Self-check of the output

After rendering and before anything is written, `docgen render` reads the document back and
checks it twice (`docgen/selfcheck.py`, `docgen/placement/`):

1. **Every number is a number of the data.** The body's paragraphs and table cells and the
   charts' caches are read, and every number is looked up among those the model and its figures
   produce, by what follows it: `万元` an amount, `%` a share or rate, four digits and `年` this
   year or last, a count unit a count, `图`/`附件`/`公开…表`/`3.` a list or section number, a bare
   number any of those or a classification code.
2. **Every figure is at its place.** What each place should hold is computed again from the model,
   not from the phrasing, templates or table code: sentences by their anchor words (`收入总计…万元`,
   `增加/减少…万元，增长/下降…%` against the sign, amount and rate of the change, `完成预算…%` and
   `决算数大于/小于/等于预算数`, each part of a structure with its share, the counts of vehicles and
   projects, the vehicles listed against the fleet); each statistical table's cells by row code and
   column; each project's performance table; each chart's values by series and category.

The department's own texts (reasons, purposes, evaluation prose, titles) are masked first, found
in the paragraphs run together, so a number the department wrote — in a title printed over two
paragraphs too — is never blamed on a template; the pack's wording may hold numbers; the template's
own text may not (a year or a total typed into a template is the stale figure the check is for).
Both passes are linear in the length of the text (a 100,000-character text: about 0.3 s) and in
the number of the department's texts (all found in one Aho–Corasick pass; the short ones looked up
around a number in an index). They read the document rendering has in memory, its body once for
both: one pass over its XML finds every paragraph and every table cell
(`docgen/ooxml/reading.py`). A mismatch raises `docgen.RenderError` naming the number and where
it appeared:

```text
$ docgen render fixtures/lizhou-xunchaban-2020.json -o report.docx --force --region broken
{selfcheck}```

(`broken` is the Sichuan pack with `{{{{ s.totals }}}}` changed to
`{{{{ s.totals|replace("421.06", "421.07") }}}}`; the findings printed before it are left out here.)

`python tools/selfcheck_bugs.py` measures it: it writes each of 34 bugs into a copy of the code (a
wrong figure in a sentence, 增加/减少 and 大于/小于 swapped, rates against the wrong base, goods ↔
services, section 六 from all sources, swapped and off-by-one table columns and rows, a chart fed
last year …) and renders both fixtures and a variant where every figure fell. All 34 are caught;
the number look-up alone (`--without-placement`) catches 8. A bug whose text has moved is reported
as no longer applying.

## How much the rules catch

`python tools/mutation.py` changes `fixtures/complete-department-2024.json` one way at a time and
counts the changes a finding notices (`--misses` lists the others). Measured at this version:

| change | applied | caught (by an error) |
|---|---|---|
| an amount +0.05 | 201 | 185 (92%) |
| an amount ×10 (a slipped decimal point) | 186 | 173 (93%); with warnings 180 (97%) |
| last year's figure +0.05 | 12 | 4 (33%) |
| two amounts of a record swapped | 158 | 147 (93%); with warnings 156 (99%) |
| the same field of neighbouring rows swapped | 102 | 67 (66%); with warnings 75 (74%) |
| a record dropped / duplicated | 101 / 101 | 97 / 101 (96% / 100%) |
| a code → a valid neighbouring code | 71 | 53 (75%); with warnings 54 (76%) |
| a wrong amount, rate or count in a reason or evaluation | 57 | 57 (100%), honest controls 0 |
| a reason's direction reversed | 17 | 17 (100%, a warning) |

The fixture is checked through `sichuan`, the pack it is written for (its project tables' weights
are errors there). What no rule can catch is free-standing — nothing else in the data states it or
a figure it adds up to:

- 预算数 where actual ≠ budget (4 项, the 4 “三公” categories, 2 funds and a fund's “三公” part):
  printed only in its own completion rate (×10 is `budget-deviation`, a warning);
- 政府采购 goods, works and services (3), bounded only by 本年支出合计 and the SME awards of each
  kind; 外事接待 (1), bounded by 国内接待; 机关运行经费 (1), bounded by 公用经费 (a warning);
- a project left out of the list (4): a department reports the projects it chooses (等N个项目);
- last year's figures other than the totals (8): bounded, not equal, to anything;
- the economic code of a line of basic or project spending (17 of the 71 neighbouring codes):
  a neighbouring 款 of the same 类 is as valid, and nothing else names the line; rows of basic
  spending swapped within a 类 keep every total.

`tests/test_mutation.py` keeps the +0.05 kinds explained (`FREE_STANDING`), the prose cases at
90% or more without a false alarm, and dropped or duplicated records at 95% or more.
"""


def _selfcheck_example() -> str:
    """``docgen render`` through a pack whose template alters a figure: the self-check's lines."""
    import docgen

    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "broken"
        region = docgen.load_region("sichuan-2020")
        shutil.copytree(Path(region.chain[0]), pack)
        # The pack overrides the one section's layout it alters (a fragment of its own).
        template = pack / "sections" / "income_spending.docx"
        template.parent.mkdir()
        shutil.copy(region.template.parent / "sections" / "income_spending.docx", template)
        with zipfile.ZipFile(template) as archive:
            entries = {name: archive.read(name) for name in archive.namelist()}
        xml = entries["word/document.xml"].decode("utf-8")
        entries["word/document.xml"] = xml.replace(
            "{{ s.totals }}", '{{ s.totals|replace("421.06", "421.07") }}').encode("utf-8")
        with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, blob in entries.items():
                archive.writestr(name, blob)
        _, output = _cli("render", str(FIXTURE.relative_to(ROOT)), "-o", str(Path(folder) / "report.docx"),
                         "--force", "--region", str(pack))
    return "".join(line + "\n" for line in output.splitlines() if line.startswith("docgen: self-check"))


def generate() -> str:
    code, output = _cli("check", str(FIXTURE.relative_to(ROOT)))
    intro = INTRO.replace("{check}", output).replace("{check_code}", str(code))
    construction = CONSTRUCTION.replace("{selfcheck}", _selfcheck_example()).replace("{{", "{").replace("}}", "}")
    return intro + "\n" + "\n".join(catalogue()) + "\n" + construction


def is_current(path: Path = OUTPUT) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8") == generate()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page on disk is stale")
    args = parser.parse_args(argv)
    if args.check:
        if is_current():
            print(f"{OUTPUT} is up to date")
            return 0
        print(f"{OUTPUT} is stale: run python tools/rules_doc.py", file=sys.stderr)
        return 1
    OUTPUT.write_text(generate(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
