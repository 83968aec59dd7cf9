"""Rules the statistical tables (公开表) find while computing their rows (:mod:`docgen.statistics`):
registered here so ``docgen rules`` lists them and a pack can set their level."""

from __future__ import annotations

from . import WARNING, external

external("detail-missing", WARNING, "公开表缺少明细数据，只能列出合计", "docgen.statistics",
         example="收入决算表缺少各项收入明细（detail.income_lines）：表中只列合计",
         doc="A statistical table the region lists needs detail the data does not give (income or "
             "spending per 项 over all funds, project spending by economic code, a fund's items): the "
             "table prints what is known (its total row) and leaves the rest empty.")
external("detail-mismatch", WARNING, "公开表明细合计与说明中的数字不一致", "docgen.statistics",
         example="统计表中一般公共服务支出为382.48万元（明细合计），与说明中的386.49万元不一致",
         doc="The sum of a table's detail rows differs from the figure the narrative prints for the "
             "same total.")
