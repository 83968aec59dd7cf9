"""“三公”经费 and the vehicles and assets they relate to (sections 七 and 十（三）)."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from ._fields import ZERO, amount, count, optional_count, reason


@frozen(kw_only=True)
class PublicCost:
    """One “三公” category: budget, actual, last year's actual."""

    budget: Decimal = amount()
    actual: Decimal = amount()
    prior_year: Decimal = amount()
    change_reason: str | None = reason()
    """Why ``actual`` differs from last year."""


@frozen(kw_only=True)
class TravelAbroad(PublicCost):
    """因公出国（境）费."""

    groups: int = count()
    """团组 sent."""
    people: int = count()
    """人次 travelling."""
    purpose: str | None = None
    """开支内容: what the trips were for and paid, without the lead-in."""


@frozen(kw_only=True)
class VehiclePurchase(PublicCost):
    """公务用车购置费."""

    vehicles: int = count()
    """vehicles bought (更新购置公务用车辆数)."""
    purpose: str | None = None
    """What the purchase was for, without the lead-in (主要用于…)."""


@frozen(kw_only=True)
class VehicleOperation(PublicCost):
    """公务用车运行维护费."""

    fleet: int | None = optional_count()
    """开支财政拨款的公务用车保有量 at the end of the year (上海); ``None`` when not given."""
    purpose: str | None = None
    """What the running costs paid for, without the lead-in (主要用于…)."""


@frozen(kw_only=True)
class Receptions:
    """One kind of official reception (国内 or 外事接待)."""

    amount: Decimal = amount()
    batches: int = count()
    """批次."""
    people: int = count()
    """人次 received (不包括陪同人员)."""
    purpose: str | None = None
    """具体内容: what the receptions were for."""


@frozen(kw_only=True)
class Reception:
    """公务接待费: budget and last year for the whole.

    ``domestic`` is all receptions held in China (国内公务接待); ``foreign`` is the part of it
    that received foreign guests (其中：外事接待). 其他国内公务接待 is the difference.
    """

    budget: Decimal = amount()
    prior_year: Decimal = amount()
    change_reason: str | None = reason()
    domestic: Receptions = field(factory=Receptions)
    """国内公务接待: every reception held in China, 外事接待 included."""
    foreign: Receptions = field(factory=Receptions)
    """其中：外事接待."""

    @property
    def actual(self) -> Decimal:
        return self.domestic.amount

    @property
    def other_domestic(self) -> Decimal:
        """其他国内公务接待."""
        return self.domestic.amount - self.foreign.amount


@frozen(kw_only=True)
class ThreePublicCosts:
    """“三公”经费财政拨款支出: travel abroad, vehicles (purchase and running), receptions."""

    travel_abroad: TravelAbroad = field(factory=TravelAbroad)
    vehicle_purchase: VehiclePurchase = field(factory=VehiclePurchase)
    vehicle_operation: VehicleOperation = field(factory=VehicleOperation)
    reception: Reception = field(factory=Reception)
    variance_reason: str | None = reason()
    """Why the whole differs from its budget (决算数大于/小于预算数的主要原因)."""
    change_reason: str | None = reason()
    """Why the whole differs from last year (“三公”经费 total compared with last year)."""

    @property
    def categories(self) -> tuple:
        return (self.travel_abroad, self.vehicle_purchase, self.vehicle_operation, self.reception)

    @property
    def actual(self) -> Decimal:
        return sum((c.actual for c in self.categories), ZERO)

    @property
    def budget(self) -> Decimal:
        return sum((c.budget for c in self.categories), ZERO)

    @property
    def prior_year(self) -> Decimal:
        return sum((c.prior_year for c in self.categories), ZERO)


@frozen(kw_only=True)
class BudgetActual:
    """A 预算数 and a 决算数: one “三公” category paid from one fund type."""

    budget: Decimal = amount()
    actual: Decimal = amount()


@frozen(kw_only=True)
class FundThreePublicCosts:
    """The part of ``three_public_costs`` paid from one fund type, by category (amounts only).

    Printed by the fund's own “三公” table (四川: 政府性基金预算财政拨款“三公”经费支出决算表); the
    一般公共预算 table prints ``three_public_costs`` less the fund parts.
    """

    travel_abroad: BudgetActual = field(factory=BudgetActual)
    """因公出国（境）费 paid from this fund."""
    vehicle_purchase: BudgetActual = field(factory=BudgetActual)
    """公务用车购置费 paid from this fund."""
    vehicle_operation: BudgetActual = field(factory=BudgetActual)
    """公务用车运行维护费 paid from this fund."""
    reception: BudgetActual = field(factory=BudgetActual)
    """公务接待费 paid from this fund."""


@frozen(kw_only=True)
class Fleet:
    """Vehicles held at the end of the year, by use (公务用车): every class of the current
    classification, of which the 2020 reports printed 主要领导干部用车, 机要通信用车, 应急保障用车 and
    其他用车."""

    ministerial: int = count()
    """部级领导干部用车."""
    leaders: int = count()
    """主要领导干部用车."""
    confidential: int = count()
    """机要通信用车."""
    emergency: int = count()
    """应急保障用车."""
    law_enforcement: int = count()
    """执法执勤用车."""
    special_technical: int = count()
    """特种专业技术用车."""
    retired_service: int = count()
    """离退休干部服务用车."""
    other: int = count()
    """其他用车."""
    stated_total: int | None = optional_count()
    """共有车辆 as the department counts its fleet; ``None`` when not given. The report prints the
    sum of the classes; ``docgen check`` compares the two (``fleet-total``)."""

    @property
    def total(self) -> int:
        return (self.ministerial + self.leaders + self.confidential + self.emergency + self.law_enforcement
                + self.special_technical + self.retired_service + self.other)


@frozen(kw_only=True)
class StateAssets:
    """国有资产占有使用情况 (section 十（三）)."""

    vehicles: Fleet = field(factory=Fleet)
    general_equipment_over_500k: int = count()
    """单价50万元以上通用设备 台（套）."""
    special_equipment_over_1m: int = count()
    """单价100万元以上专用设备 台（套）."""
    equipment_over_1m: int | None = optional_count()
    """单价100万元（含）以上设备（不含车辆） 台（套）, the current wording; ``None`` when not given."""
