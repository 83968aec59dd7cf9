"""What the export's labels mean: the rows and columns of the 财决 statements docgen reads, and
the data path each fills (domain §12; docs/importing.md shows the layout)."""

from __future__ import annotations

from .cells import whole, yuan

# 财决01: label → data path, by block ------------------------------------------------------
TOTALS_01 = {
    "一般公共预算财政拨款收入": "income.sources.general_budget_grant",
    "政府性基金预算财政拨款收入": "income.sources.government_fund_grant",
    "国有资本经营预算财政拨款收入": "income.sources.state_capital_grant",
    "上级补助收入": "income.sources.superior_subsidy",
    "事业收入": "income.sources.public_service",
    "经营收入": "income.sources.business",
    "附属单位上缴收入": "income.sources.affiliate_remittance",
    "其他收入": "income.sources.other",
    "使用非财政拨款结余": "income.non_grant_balance_used",
    "年初结转和结余": "income.carry_over_start",
    "基本支出": "spending.kinds.basic",
    "项目支出": "spending.kinds.project",
    "上缴上级支出": "spending.kinds.remitted_to_superior",
    "经营支出": "spending.kinds.business",
    "对附属单位补助支出": "spending.kinds.affiliate_subsidy",
    "结余分配": "spending.balance_distribution",
    "年末结转和结余": "spending.carry_over_end",
}
GRANTS_011 = {
    "年初财政拨款结转和结余": "fiscal_grants.carry_over_start",
    "年末财政拨款结转和结余": "fiscal_grants.carry_over_end",
}
# 财决附01: label → (path, column, reader)
COSTS = {
    "因公出国（境）费": [("three_public_costs.travel_abroad.budget", "预算数", yuan),
                     ("three_public_costs.travel_abroad.actual", "统计数", yuan)],
    "公务用车购置费": [("three_public_costs.vehicle_purchase.budget", "预算数", yuan),
                  ("three_public_costs.vehicle_purchase.actual", "统计数", yuan)],
    "公务用车运行维护费": [("three_public_costs.vehicle_operation.budget", "预算数", yuan),
                    ("three_public_costs.vehicle_operation.actual", "统计数", yuan)],
    "公务接待费": [("three_public_costs.reception.budget", "预算数", yuan)],
    "国内公务接待费": [("three_public_costs.reception.domestic.amount", "统计数", yuan)],
    "外事接待费": [("three_public_costs.reception.foreign.amount", "统计数", yuan)],
    "因公出国（境）团组数": [("three_public_costs.travel_abroad.groups", "统计数", whole)],
    "因公出国（境）人次数": [("three_public_costs.travel_abroad.people", "统计数", whole)],
    "公务用车购置数": [("three_public_costs.vehicle_purchase.vehicles", "统计数", whole)],
    "国内公务接待批次": [("three_public_costs.reception.domestic.batches", "统计数", whole)],
    "国内公务接待人次": [("three_public_costs.reception.domestic.people", "统计数", whole)],
    "外事接待批次": [("three_public_costs.reception.foreign.batches", "统计数", whole)],
    "外事接待人次": [("three_public_costs.reception.foreign.people", "统计数", whole)],
    "机关运行经费": [("operating_costs.actual", "统计数", yuan)],
    "政府采购货物支出": [("procurement.goods", "统计数", yuan)],
    "政府采购工程支出": [("procurement.works", "统计数", yuan)],
    "政府采购服务支出": [("procurement.services", "统计数", yuan)],
    "授予中小企业合同金额": [("procurement.awarded_to_sme", "统计数", yuan)],
    "授予小微企业合同金额": [("procurement.awarded_to_small_micro", "统计数", yuan)],
    "主要领导干部用车": [("assets.vehicles.leaders", "统计数", whole)],
    "机要通信用车": [("assets.vehicles.confidential", "统计数", whole)],
    "应急保障用车": [("assets.vehicles.emergency", "统计数", whole)],
    "执法执勤用车": [("assets.vehicles.law_enforcement", "统计数", whole)],
    "特种专业技术用车": [("assets.vehicles.special_technical", "统计数", whole)],
    "其他用车": [("assets.vehicles.other", "统计数", whole)],
    "单价50万元以上通用设备": [("assets.general_equipment_over_500k", "统计数", whole)],
    "单价100万元以上专用设备": [("assets.special_equipment_over_1m", "统计数", whole)],
}
INSTITUTIONS = {
    "行政单位": "overview.institutions.administrative",
    "参照公务员法管理事业单位": "overview.institutions.civil_service_managed",
    "其他事业单位": "overview.institutions.public_service",
    "公务员": "overview.staff.civil_servants",
    "事业人员": "overview.staff.public_service_staff",
    "其他人员": "overview.staff.other",
}
ROW_TOTALS = {"总计", "本年收入合计", "本年支出合计", "合计", "小计", "收入总计", "支出总计", "本年收入", "本年支出",
               "公务用车保有量", "“三公”经费", "政府采购", "机构", "人员"}

# code tables: column spec → field -----------------------------------------------------------
INCOME_LINE = {
    "财政拨款收入/一般公共预算财政拨款": "general_budget_grant",
    "财政拨款收入/政府性基金预算财政拨款": "government_fund_grant",
    "财政拨款收入/国有资本经营预算财政拨款": "state_capital_grant",
    "上级补助收入": "superior_subsidy", "事业收入": "public_service", "经营收入": "business",
    "附属单位上缴收入": "affiliate_remittance", "其他收入": "other",
}
SPENDING_LINE = {"基本支出": "basic", "项目支出": "project", "上缴上级支出": "remitted_to_superior",
                  "经营支出": "business", "对附属单位补助支出": "affiliate_subsidy"}
GENERAL_ITEM = {"全年预算数": "budget", "决算数/合计": "actual", "决算数/基本支出": "basic",
                 "决算数/项目支出": "project"}
FUND_ITEM = {"年初结转和结余": "carry_over_start", "本年收入": "income", "本年支出/基本支出": "basic",
              "本年支出/项目支出": "project", "年末结转和结余": "carry_over_end"}
FUND_TOTALS = {"全年预算数": "budget", "年初结转和结余": "carry_over_start", "本年收入": "income",
                "本年支出/合计": "actual", "年末结转和结余": "carry_over_end"}
IGNORED_COLUMNS = {"本年收入合计", "本年支出合计", "合计", "财政拨款收入", "本年支出", "决算数"}


FUNDS = {"政府性基金预算财政拨款": "government_fund", "国有资本经营预算财政拨款": "state_capital"}
CATEGORIES = {"因公出国（境）费": "travel_abroad", "公务用车购置费": "vehicle_purchase",
               "公务用车运行维护费": "vehicle_operation", "公务接待费": "reception"}
