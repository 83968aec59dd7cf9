"""Who reports: the department and its overview (第一部分 部门概况)."""

from __future__ import annotations

from attrs import field, frozen

from ._fields import count, name_text, optional_name_text, optional_text, text, texts


@frozen(kw_only=True)
class Department:
    """The reporting department (部门).

    ``name`` is the full name printed in titles (中共广元市利州区委巡察办); ``short_name`` the
    name the prose uses (区委巡察办); ``year`` the fiscal year reported (决算年度).
    """

    name: str = name_text()
    """Full name, as in titles (中共广元市利州区委巡察办)."""
    short_name: str = name_text()
    """The name the prose uses (区委巡察办)."""
    region: str = name_text()
    """Where the department sits (四川省广元市利州区)."""
    year: int = field(validator=lambda _i, a, v: _check_year(a.name, v))
    """The fiscal year reported (决算年度); last year is ``year - 1``."""
    supervisor: str | None = optional_name_text()
    """主管部门 of a unit (单位决算), as its project tables print it; ``None`` for a department, which
    is its own 主管部门."""

    @property
    def prior_year(self) -> int:
        return self.year - 1


def _check_year(name: str, value: int) -> None:
    if not 1990 <= value <= 2100:
        raise ValueError(f"{name}: must be a fiscal year between 1990 and 2100, got {value}")


@frozen(kw_only=True)
class Institutions:
    """机构设置: how many units the department manages, by kind."""

    administrative: int = count()
    """行政单位."""
    civil_service_managed: int = count()
    """参照公务员法管理的事业单位."""
    public_service: int = count()
    """其他事业单位."""

    @property
    def total(self) -> int:
        return self.administrative + self.civil_service_managed + self.public_service


@frozen(kw_only=True)
class Staff:
    """人员概况 at the end of the year (年末实有在职人员)."""

    civil_servants: int = count()
    """公务员."""
    public_service_staff: int = count()
    """事业人员."""
    other: int = count()
    """其他人员."""

    @property
    def total(self) -> int:
        return self.civil_servants + self.public_service_staff + self.other


@frozen(kw_only=True)
class Unit:
    """One row of 部门决算单位构成 (序号 | 单位名称 | 备注)."""

    name: str = text()
    """单位名称 as printed (上海市XX局（本级）)."""
    note: str | None = optional_text()
    """备注 (行政单位, 参公事业单位, 财政补助事业单位 …); an empty cell when not given."""


@frozen(kw_only=True)
class Overview:
    """第一部分 部门概况: functions, the year's key work, institutions, secondary units."""

    functions: tuple[str, ...] = texts()
    """主要职能, one entry per numbered function."""
    key_work: tuple[str, ...] = texts()
    """重点工作完成情况, one paragraph each; the generator prefixes 一是、二是…"""
    institutions: Institutions = field(factory=Institutions)
    secondary_units: tuple[str, ...] = texts(required=False)
    """纳入决算编制范围的二级预算单位."""
    staff: Staff = field(factory=Staff)
    organisation: str | None = None
    """机构组成: internal divisions as the department describes them (附件1)."""
    units: tuple[Unit, ...] = field(factory=tuple)
    """部门决算单位构成: every unit whose accounts the report consolidates, 本级 first; empty for a
    one-unit department (which describes its 机构设置 instead)."""
