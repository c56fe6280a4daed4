<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Something went wrong: %1

Your plan is still open; save it under a new name if in doubt. The details were written to the log.</source>
        <translation>出现意外错误：%1

您的计划仍然打开；如有疑虑，请另存为新文件。详细信息已写入日志。</translation>
    </message>
    <message>
        <source>Roadmap Planner</source>
        <translation>路线图规划器</translation>
    </message>
    <message>
        <source>Drawing the chart…</source>
        <translation>正在绘制图表…</translation>
    </message>
    <message>
        <source>Plan&apos;s language</source>
        <translation>计划的语言</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Chart language:</source>
        <translation>图表语言：</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;SVG 图形 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>another instance</source>
        <translation>另一个实例</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>%1 (untitled)</source>
        <translation>%1（未命名）</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>新计划</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>打开计划</translation>
    </message>
    <message>
        <source>Roadmap plans (*.plan)</source>
        <translation>路线图计划 (*.plan)</translation>
    </message>
    <message>
        <source>The file %1 no longer exists.</source>
        <translation>文件 %1 已不存在。</translation>
    </message>
    <message>
        <source>Plan in use</source>
        <translation>计划正在使用中</translation>
    </message>
    <message>
        <source>%1 is open in another window or on another computer: %2.

Open a read-only copy? (Use Save As to keep changes under another name.)</source>
        <translation>%1 已在另一个窗口或另一台电脑上打开：%2。

以只读方式打开副本吗？（如需保留修改，请用“另存为”保存为其他名称。）</translation>
    </message>
    <message>
        <source>Plan damaged</source>
        <translation>计划文件已损坏</translation>
    </message>
    <message>
        <source>%1

A copy saved on %2 is available. Open it as a new plan? The damaged file is left as it is.</source>
        <translation>%1

有一份保存于 %2 的副本。是否将其作为新计划打开？损坏的文件保持原样。</translation>
    </message>
    <message>
        <source>Read-only: the folder of this plan cannot be written. Use Save As to keep changes.</source>
        <translation>只读：此计划所在的文件夹无法写入。如需保留修改请“另存为”。</translation>
    </message>
    <message>
        <source>%1 has a lock file that cannot be read (empty or damaged). If no one else has the plan open, take it over; or open a read-only copy.</source>
        <translation>%1 的锁文件无法读取（为空或已损坏）。如果没有其他人正在打开此计划，可以接管；也可以以只读方式打开副本。</translation>
    </message>
    <message>
        <source>Take over only if that computer no longer has it open.</source>
        <translation>仅当那台电脑已不再打开此计划时才可接管。</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <source>%1 was changed on disk since it was opened.

Save As… keeps your changes in a new file; Overwrite replaces the file on disk with this plan; Cancel leaves both as they are.</source>
        <translation>%1 在打开之后已在磁盘上被修改。

“另存为…”把您的修改保存到新文件；“覆盖”用此计划替换磁盘上的文件；“取消”则两者都保持不变。</translation>
    </message>
    <message>
        <source>File changed on disk</source>
        <translation>文件已在磁盘上被修改</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Save plan as</source>
        <translation>计划另存为</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Save the changes to %1 before closing? Discard closes it without them.</source>
        <translation>关闭前保存对 %1 的修改吗？选择“丢弃”则不保存修改直接关闭。</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>an untitled plan</source>
        <translation>一个未命名计划</translation>
    </message>
    <message>
        <source>Roadmap Planner closed unexpectedly while %1 had unsaved changes (last edit %2).

Recover them? Discard deletes them for good; Later asks again next time.</source>
        <translation>路线图规划器意外关闭，%1 有未保存的修改（最后编辑于 %2）。

要恢复这些修改吗？“丢弃”将永久删除它们；“以后再说”会在下次启动时再次询问。</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>No plan is open.</source>
        <translation>没有打开的计划。</translation>
    </message>
    <message>
        <source>The last day to print is before the first.</source>
        <translation>打印的结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The chart is too large for one image (%1 x %2 px); export a PDF or a shorter date range instead.</source>
        <translation>图表太大，无法导出为单张图片（%1 x %2 像素）；请导出 PDF 或缩短日期范围。</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Export Gantt as PNG</source>
        <translation>将甘特图导出为 PNG</translation>
    </message>
    <message>
        <source>Export Gantt as PDF</source>
        <translation>将甘特图导出为 PDF</translation>
    </message>
    <message>
        <source>Date range to print</source>
        <translation>打印日期范围</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Set progress of %1 to %2%</source>
        <translation>将 %1 的进度设为 %2%</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message>
        <source>Change start of %1</source>
        <translation>修改 %1 的开始时间</translation>
    </message>
    <message>
        <source>Change finish of %1</source>
        <translation>修改 %1 的结束时间</translation>
    </message>
    <message>
        <source>Link %1 to %2 (%3)</source>
        <translation>将 %1 链接到 %2（%3）</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>日期：%1</translation>
    </message>
    <message>
        <source>Start: %1   Finish: %2</source>
        <translation>开始：%1   结束：%2</translation>
    </message>
    <message>
        <source>Working days: %1   Progress: %2%</source>
        <translation>工作日：%1   进度：%2%</translation>
    </message>
    <message>
        <source>Roles: %1</source>
        <translation>责任角色：%1</translation>
    </message>
    <message>
        <source>Total float: %1 days (critical)</source>
        <translation>总浮动时间：%1 天（关键任务）</translation>
    </message>
    <message>
        <source>Total float: %1 days</source>
        <translation>总浮动时间：%1 天</translation>
    </message>
    <message>
        <source>Depends on: %1</source>
        <translation>依赖：%1</translation>
    </message>
    <message>
        <source>Milestone: %1</source>
        <translation>里程碑：%1</translation>
    </message>
    <message>
        <source>Broken: %1 is planned before %2 allows</source>
        <translation>冲突：%1 的计划早于 %2 所允许的时间</translation>
    </message>
    <message>
        <source>Earliest allowed: %1 (%2 working days short)</source>
        <translation>最早允许：%1（差 %2 个工作日）</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>缩放到所选</translation>
    </message>
    <message>
        <source>Float of all tasks</source>
        <translation>所有任务的浮动时间</translation>
    </message>
    <message>
        <source>Draw the float line of every task; otherwise only of the task under the pointer, the selected ones and critical ones</source>
        <translation>为每个任务绘制浮动时间线；否则只绘制鼠标所指、所选和关键任务的浮动时间线</translation>
    </message>
    <message>
        <source>Calendar dates</source>
        <translation>日历日期</translation>
    </message>
    <message>
        <source>Project time</source>
        <translation>项目时间</translation>
    </message>
    <message>
        <source>By stage</source>
        <translation>按阶段</translation>
    </message>
    <message>
        <source>By module</source>
        <translation>按模块</translation>
    </message>
    <message>
        <source>No baseline</source>
        <translation>无基线</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Ungrouped</source>
        <translation>未分组</translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Roadmap</source>
        <translation>路线图</translation>
    </message>
    <message>
        <source>Task matrix</source>
        <translation>任务矩阵</translation>
    </message>
    <message>
        <source>RACI matrix</source>
        <translation>RACI 矩阵</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>OKRs</source>
        <translation>OKR</translation>
    </message>
    <message>
        <source>Gantt</source>
        <translation>甘特图</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty plan</source>
        <translation>新建空白计划</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .plan file</source>
        <translation>打开 .plan 文件</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the plan</source>
        <translation>保存计划</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the plan under another name</source>
        <translation>以其他名称保存计划</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Close the plan</source>
        <translation>关闭计划</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit Roadmap Planner</source>
        <translation>退出路线图规划器</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Add &amp;task</source>
        <translation>添加任务(&amp;T)</translation>
    </message>
    <message>
        <source>Add a task to the task matrix</source>
        <translation>在任务矩阵中添加任务</translation>
    </message>
    <message>
        <source>&amp;Delete tasks</source>
        <translation>删除任务(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected tasks</source>
        <translation>删除所选任务</translation>
    </message>
    <message>
        <source>&amp;Find task…</source>
        <translation>查找任务(&amp;F)…</translation>
    </message>
    <message>
        <source>Search the task matrix</source>
        <translation>搜索任务矩阵</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show the %1 view</source>
        <translation>显示“%1”视图</translation>
    </message>
    <message>
        <source>&amp;Import/Export</source>
        <translation>导入/导出(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>报告(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Saved column &amp;maps…</source>
        <translation>已保存的列映射(&amp;M)…</translation>
    </message>
    <message>
        <source>Column maps saved in the import wizard</source>
        <translation>导入向导中保存的列映射</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>Open the user guide</source>
        <translation>打开用户指南</translation>
    </message>
    <message>
        <source>&amp;About Roadmap Planner</source>
        <translation>关于路线图规划器(&amp;A)</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>版本与许可</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Read-only: use Save As to keep changes</source>
        <translation>只读：如需保留修改请“另存为”</translation>
    </message>
    <message>
        <source>About Roadmap Planner</source>
        <translation>关于路线图规划器</translation>
    </message>
    <message>
        <source>Roadmap Planner %1
Staged roadmaps, task matrices, RACI, OKRs and indicators.</source>
        <translation>路线图规划器 %1
分阶段路线图、任务矩阵、RACI、OKR 与量化指标。</translation>
    </message>
    <message>
        <source>Excel import is not available in this build.</source>
        <translation>此版本不支持 Excel 导入。</translation>
    </message>
    <message>
        <source>&amp;Monthly review (PDF)…</source>
        <translation>月度复盘报告（PDF）(&amp;M)…</translation>
    </message>
    <message>
        <source>Milestones, indicators off target, blocked dependencies, RACI problems and the charts</source>
        <translation>里程碑、偏离目标的指标、受阻的依赖、RACI 问题和图表</translation>
    </message>
    <message>
        <source>&amp;Deviation analysis (PDF or Excel)…</source>
        <translation>偏差分析报告（PDF 或 Excel）(&amp;D)…</translation>
    </message>
    <message>
        <source>One section per indicator more than 10% off, with fields for cause and action</source>
        <translation>每个偏差超过 10% 的指标一节，含原因和措施栏</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Report cancelled; nothing was written.</source>
        <translation>报告已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>报告已生成：%1</translation>
    </message>
    <message>
        <source>Monthly review</source>
        <translation>月度复盘</translation>
    </message>
    <message>
        <source>Print preview – %1</source>
        <translation>打印预览 – %1</translation>
    </message>
    <message>
        <source>actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Scale down so that the width fits this many pages (0: actual size)</source>
        <translation>缩小到宽度正好占这么多页（0：实际大小）</translation>
    </message>
    <message>
        <source>Fit to pages wide:</source>
        <translation>缩放到页宽：</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Open a plan first: there is nothing to print.</source>
        <translation>请先打开一个计划：没有可打印的内容。</translation>
    </message>
    <message>
        <source>Print Pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>Preview the current view as it will print</source>
        <translation>预览当前视图的打印效果</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print the current view</source>
        <translation>打印当前视图</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the current view as a PDF file</source>
        <translation>把当前视图保存为 PDF 文件</translation>
    </message>
    <message>
        <source>Writing the monthly review</source>
        <translation>正在生成月度复盘报告</translation>
    </message>
    <message>
        <source>Deviation analysis</source>
        <translation>偏差分析</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;PDF document (*.pdf)</source>
        <translation>Excel 工作簿 (*.xlsx);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the deviation analysis</source>
        <translation>正在生成偏差分析报告</translation>
    </message>
    <message>
        <source>Tasks: %1</source>
        <translation>任务：%1</translation>
    </message>
    <message>
        <source>Late: %1</source>
        <translation>延期：%1</translation>
    </message>
    <message>
        <source>Critical: %1</source>
        <translation>关键任务：%1</translation>
    </message>
    <message>
        <source>RACI problems: %1</source>
        <translation>RACI 问题：%1</translation>
    </message>
    <message>
        <source>Indicators off target: %1</source>
        <translation>偏离目标的指标：%1</translation>
    </message>
    <message>
        <source>Edit %1 of %2 (%3)</source>
        <translation>编辑 %2 的%1（%3）</translation>
    </message>
    <message>
        <source>Edit %1 of %2</source>
        <translation>编辑 %2 的%1</translation>
    </message>
    <message>
        <source>Write the test date as YYYY-MM-DD, not %1</source>
        <translation>测试时间请写作 YYYY-MM-DD，而不是 %1</translation>
    </message>
    <message>
        <source>Achievement %1; expected by the test date %2</source>
        <translation>达成率 %1；按测试时间应达到 %2</translation>
    </message>
    <message>
        <source>Deviation over 10%: explain the cause and the corrective action here</source>
        <translation>偏差超过 10%：请在此说明原因和纠正措施</translation>
    </message>
    <message>
        <source>Reporting period: a month (2025-03) or a week (2025-W12); type a new one</source>
        <translation>统计期间：月（2025-03）或周（2025-W12）；可输入新的期间</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Add indicator…</source>
        <translation>添加指标…</translation>
    </message>
    <message>
        <source>A new indicator: code, name, target as written (≥25 models), module, stage, team</source>
        <translation>新指标：编号、名称、按原文填写的目标（≥25款）、模块、阶段、团队</translation>
    </message>
    <message>
        <source>Delete indicators…</source>
        <translation>删除指标…</translation>
    </message>
    <message>
        <source>Delete the selected indicators and their readings</source>
        <translation>删除所选指标及其数据</translation>
    </message>
    <message>
        <source>Write a period as a month (2025-03) or a week (2025-W12), not %1</source>
        <translation>期间请写作月（2025-03）或周（2025-W12），而不是 %1</translation>
    </message>
    <message>
        <source>%1 deviates from its target by more than 10%: please write an exception note.</source>
        <translation>%1 偏离目标超过 10%：请填写异常说明。</translation>
    </message>
    <message>
        <source>Indicator: %1</source>
        <translation>指标：%1</translation>
    </message>
    <message>
        <source>Task: %1</source>
        <translation>任务：%1</translation>
    </message>
    <message>
        <source>Mean progress of its key results</source>
        <translation>其关键结果的平均进度</translation>
    </message>
    <message>
        <source>Mean progress of its linked indicators and tasks; type a percentage when nothing is linked</source>
        <translation>所链接指标和任务的平均进度；未链接时可直接输入百分比</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>The seeds recommend about 7 delivery : 3 exploration objectives</source>
        <translation>建议交付型与探索型目标约为 7 : 3</translation>
    </message>
    <message>
        <source>Add objective</source>
        <translation>添加目标</translation>
    </message>
    <message>
        <source>Add an objective</source>
        <translation>添加目标</translation>
    </message>
    <message>
        <source>Add key result</source>
        <translation>添加关键结果</translation>
    </message>
    <message>
        <source>Add a key result to the current objective</source>
        <translation>为当前目标添加关键结果</translation>
    </message>
    <message>
        <source>Toggle kind</source>
        <translation>切换类型</translation>
    </message>
    <message>
        <source>Switch the current objective between delivery and exploration</source>
        <translation>在交付型与探索型之间切换当前目标</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>链接…</translation>
    </message>
    <message>
        <source>Link an indicator or a task to the current key result</source>
        <translation>将指标或任务链接到当前关键结果</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消链接</translation>
    </message>
    <message>
        <source>Remove the selected link from its key result</source>
        <translation>从关键结果中移除所选链接</translation>
    </message>
    <message>
        <source>This plan has no objectives yet. Use “Add objective”, then add key results and link them to indicators and tasks; progress rolls up from the links.</source>
        <translation>此计划还没有目标。请使用“添加目标”，再添加关键结果并链接到指标和任务；进度会从链接汇总。</translation>
    </message>
    <message>
        <source>Mix: %1 delivery : %2 exploration</source>
        <translation>构成：交付型 %1 : 探索型 %2</translation>
    </message>
    <message>
        <source>recommended about 7 : 3</source>
        <translation>建议约 7 : 3</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Link %1 to:</source>
        <translation>将 %1 链接到：</translation>
    </message>
    <message>
        <source>Link to %1</source>
        <translation>链接到 %1</translation>
    </message>
    <message>
        <source>Unlink from %1</source>
        <translation>从 %1 取消链接</translation>
    </message>
    <message>
        <source>Add objective O%1</source>
        <translation>添加目标 O%1</translation>
    </message>
    <message>
        <source>New objective</source>
        <translation>新目标</translation>
    </message>
    <message>
        <source>Select an objective first: a key result is added to the selected objective.</source>
        <translation>请先选择一个目标：关键结果会添加到所选目标下。</translation>
    </message>
    <message>
        <source>Add key result to %1</source>
        <translation>为 %1 添加关键结果</translation>
    </message>
    <message>
        <source>New key result</source>
        <translation>新关键结果</translation>
    </message>
    <message>
        <source>Change the kind of %1</source>
        <translation>修改 %1 的类型</translation>
    </message>
    <message>
        <source>Set %1 of %2 for %3</source>
        <translation>将 %2 的 %3 设为 %1</translation>
    </message>
    <message>
        <source>Use R, A, C or I (or leave the cell empty), not %1</source>
        <translation>请使用 R、A、C 或 I（或留空），而不是 %1</translation>
    </message>
    <message>
        <source>Team load</source>
        <translation>团队负荷</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Save the texts of this cell (one undo step)</source>
        <translation>保存此单元格的内容（一步撤销）</translation>
    </message>
    <message>
        <source>Select a cell of the roadmap</source>
        <translation>请选择路线图中的一个单元格</translation>
    </message>
    <message>
        <source>Edit cell %1 / %2</source>
        <translation>编辑单元格 %1 / %2</translation>
    </message>
    <message>
        <source>Add stage</source>
        <translation>添加阶段</translation>
    </message>
    <message>
        <source>Add a stage after the last one</source>
        <translation>在末尾添加阶段</translation>
    </message>
    <message>
        <source>Add module</source>
        <translation>添加模块</translation>
    </message>
    <message>
        <source>Add a module (workstream) after the last one</source>
        <translation>在末尾添加模块（任务组）</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename the current stage (stage column) or module</source>
        <translation>重命名当前阶段（阶段列）或模块</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the current stage (stage column) or module earlier</source>
        <translation>将当前阶段（阶段列）或模块前移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the current stage (stage column) or module later</source>
        <translation>将当前阶段（阶段列）或模块后移</translation>
    </message>
    <message>
        <source>Stage %1</source>
        <translation>阶段 %1</translation>
    </message>
    <message>
        <source>Add stage %1</source>
        <translation>添加阶段 %1</translation>
    </message>
    <message>
        <source>Module %1</source>
        <translation>模块 %1</translation>
    </message>
    <message>
        <source>Add module %1</source>
        <translation>添加模块 %1</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Rename %1</source>
        <translation>重命名 %1</translation>
    </message>
    <message>
        <source>Edit %1 of %2 / %3</source>
        <translation>编辑 %2 / %3 的%1</translation>
    </message>
    <message>
        <source>Rename stage %1</source>
        <translation>重命名阶段 %1</translation>
    </message>
    <message>
        <source>Change the span of %1</source>
        <translation>修改 %1 的时间跨度</translation>
    </message>
    <message>
        <source>Rename module %1</source>
        <translation>重命名模块 %1</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>e.g. 2025-03 or 2025-W12</source>
        <translation>例如 2025-03 或 2025-W12</translation>
    </message>
    <message>
        <source>Read again with this period</source>
        <translation>按此期间重新读取</translation>
    </message>
    <message>
        <source>Reporting period:</source>
        <translation>统计期间：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{add} to add, {change} to change, {remove} to remove — {errors} error(s), {warnings} warning(s)</source>
        <translation>新增 {add} 项，修改 {change} 项，删除 {remove} 项 — {errors} 个错误，{warnings} 个警告</translation>
    </message>
    <message>
        <source>Fix the errors in the workbook; nothing will be imported until then.</source>
        <translation>请先修正工作簿中的错误；在此之前不会导入任何内容。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Search tasks…</source>
        <translation>搜索任务…</translation>
    </message>
    <message>
        <source>Show only tasks whose ID, scope, actions, roles or milestone contain this</source>
        <translation>只显示任务ID、建设内容、具体行动、责任角色或里程碑中含有此文字的任务</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>All modules</source>
        <translation>全部模块</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Show only the tasks of one stage</source>
        <translation>只显示某一阶段的任务</translation>
    </message>
    <message>
        <source>Show only the tasks of one module</source>
        <translation>只显示某一模块的任务</translation>
    </message>
    <message>
        <source>Show only the tasks a team takes part in</source>
        <translation>只显示某一团队参与的任务</translation>
    </message>
    <message>
        <source>Show only the tasks of one owner</source>
        <translation>只显示某位负责人的任务</translation>
    </message>
    <message>
        <source>Show only the tasks with one status</source>
        <translation>只显示某一状态的任务</translation>
    </message>
    <message>
        <source>Add a task after the current one (Ctrl+Shift+N)</source>
        <translation>在当前任务后添加任务（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Saved column maps</source>
        <translation>已保存的列映射</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Column maps saved in the import wizard, offered again for a workbook with the same headers. planner import --map FILE reads these files too.</source>
        <translation>导入向导中保存的列映射：表头相同的工作簿再次导入时自动采用。planner import --map 文件 也读取这些文件。</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Add task %1</source>
        <translation>添加任务 %1</translation>
    </message>
    <message>
        <source>Add indicator</source>
        <translation>添加指标</translation>
    </message>
    <message>
        <source>as written, e.g. ≥25 models, 45% → 90%, ≤2d</source>
        <translation>按原文填写，例如 ≥25款、45% → 90%、≤2天</translation>
    </message>
    <message>
        <source>(no module)</source>
        <translation>（无模块）</translation>
    </message>
    <message>
        <source>(no stage)</source>
        <translation>（无阶段）</translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation>（无团队）</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>编号：</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Module:</source>
        <translation>模块：</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>阶段：</translation>
    </message>
    <message>
        <source>Reported by team:</source>
        <translation>填报团队：</translation>
    </message>
    <message>
        <source>An indicator needs a code and a name.</source>
        <translation>指标需要编号和名称。</translation>
    </message>
    <message>
        <source>There is already an indicator %1.</source>
        <translation>已有指标 %1。</translation>
    </message>
    <message>
        <source>Add indicator %1</source>
        <translation>添加指标 %1</translation>
    </message>
    <message>
        <source>Delete indicators</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <source>Select the indicators to delete first.</source>
        <translation>请先选择要删除的指标。</translation>
    </message>
    <message>
        <source>Delete %1 and its %2 readings?</source>
        <translation>删除 %1 及其 %2 条数据？</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Move %1 up</source>
        <translation>上移 %1</translation>
    </message>
    <message>
        <source>Move %1 down</source>
        <translation>下移 %1</translation>
    </message>
    <message>
        <source>&amp;Import from Excel…</source>
        <translation>从 Excel 导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Read workbooks, preview every change and problem, then import as one undo step</source>
        <translation>读取工作簿，预览每项变更和问题，然后作为一步可撤销操作导入</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Import {files}</source>
        <translation>导入 {files}</translation>
    </message>
    <message>
        <source>Data collection</source>
        <translation>数据收集</translation>
    </message>
    <message>
        <source>No team owns an indicator in this plan yet.</source>
        <translation>此计划中还没有团队负责任何指标。</translation>
    </message>
    <message>
        <source>Data collection workbook</source>
        <translation>数据收集工作簿</translation>
    </message>
    <message>
        <source>2025-03 or 2025-W12</source>
        <translation>2025-03 或 2025-W12</translation>
    </message>
    <message>
        <source>A month (2025-03) or an ISO week (2025-W12); the workbook asks for the readings of this period</source>
        <translation>一个月（2025-03）或一个 ISO 周（2025-W12）；工作簿收集该期间的数据</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>团队：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>A fill-in workbook with the team&apos;s indicators for one reporting period.</source>
        <translation>为团队生成填报工作簿：包含其负责的指标，对应一个统计期间。</translation>
    </message>
    <message>
        <source>Period %1, readings due %2.</source>
        <translation>期间 %1，数据截止日期 %2。</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Dependency cycle: %1</source>
        <translation>依赖形成循环：%1</translation>
    </message>
    <message>
        <source>Task %1: unknown predecessor %2</source>
        <translation>任务 %1：未知的前置任务 %2</translation>
    </message>
    <message>
        <source>Import &amp;project file (MS Project, GanttProject…)…</source>
        <translation>导入项目文件（MS Project、GanttProject…）(&amp;P)…</translation>
    </message>
    <message>
        <source>Read an MS Project XML, .mpp, .gan, .planner or .xer file, preview every change, then import as one undo step</source>
        <translation>读取 MS Project XML、.mpp、.gan、.planner 或 .xer 文件，预览每处更改，再作为一步可撤销的操作导入</translation>
    </message>
    <message>
        <source>Export as &amp;MS Project XML…</source>
        <translation>导出为 MS Project XML(&amp;M)…</translation>
    </message>
    <message>
        <source>Write the plan as an MS Project XML file that MS Project, ProjectLibre and GanttProject open</source>
        <translation>把计划写成 MS Project、ProjectLibre 和 GanttProject 都能打开的 MS Project XML 文件</translation>
    </message>
    <message>
        <source>Export &amp;calendar (.ics)…</source>
        <translation>导出日历 (.ics)(&amp;C)…</translation>
    </message>
    <message>
        <source>Milestones, stage dates and the division of work&apos;s meetings for a calendar app</source>
        <translation>里程碑、阶段日期和分工矩阵中的会议，供日历应用使用</translation>
    </message>
    <message>
        <source>Project files ({patterns})</source>
        <translation>项目文件 ({patterns})</translation>
    </message>
    <message>
        <source>MS Project XML (*.xml)</source>
        <translation>MS Project XML (*.xml)</translation>
    </message>
    <message>
        <source>Import a project file</source>
        <translation>导入项目文件</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>导入 {file}</translation>
    </message>
    <message>
        <source>The whole plan</source>
        <translation>整个计划</translation>
    </message>
    <message>
        <source>Export calendar</source>
        <translation>导出日历</translation>
    </message>
    <message>
        <source>Calendar of:</source>
        <translation>日历范围：</translation>
    </message>
    <message>
        <source>Export as MS Project XML</source>
        <translation>导出为 MS Project XML</translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar 日历 (*.ics)</translation>
    </message>
    <message>
        <source>Correct it and press Enter, or press Esc to keep the previous value.</source>
        <translation>改正后按 Enter；按 Esc 则保留原来的值。</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>Summary of %1 tasks</source>
        <translation>摘要任务，含 %1 项子任务</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <source>Late and critical tasks come from the schedule; conflicts are dates that break a link; RACI problems break the one-A / at-least-one-R rule; indicators more than 10% below target</source>
        <translation>延期与关键任务来自进度计算；冲突是日期违反了依赖关系；RACI 问题违反“恰好一个 A、至少一个 R”规则；偏离目标的指标低于目标 10% 以上</translation>
    </message>
    <message>
        <source>Conflicts: %1</source>
        <translation>冲突：%1</translation>
    </message>
    <message>
        <source>Move the task up among its siblings</source>
        <translation>在同级任务中上移</translation>
    </message>
    <message>
        <source>Move the task down among its siblings</source>
        <translation>在同级任务中下移</translation>
    </message>
    <message>
        <source>Outdent</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Move the selected tasks up one outline level (Alt+Shift+Left)</source>
        <translation>把所选任务提升一个大纲级别（Alt+Shift+←）</translation>
    </message>
    <message>
        <source>Indent</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>Make the selected tasks sub-tasks of the task above (Alt+Shift+Right)</source>
        <translation>把所选任务降为上方任务的子任务（Alt+Shift+→）</translation>
    </message>
    <message>
        <source>%1 working days earlier than the link from %2 to its summary task %3 allows</source>
        <translation>比 %2 到其摘要任务 %3 的依赖允许的日期早 %1 个工作日</translation>
    </message>
    <message>
        <source>%1 working days earlier than its link from %2 allows</source>
        <translation>比来自 %2 的依赖允许的日期早 %1 个工作日</translation>
    </message>
    <message>
        <source>Started before %1 reached the progress its link needs</source>
        <translation>在 %1 达到依赖要求的进度之前就已开始</translation>
    </message>
    <message>
        <source>Unknown predecessor</source>
        <translation>未知的前置任务</translation>
    </message>
    <message>
        <source>The link from %1 joins a summary task and its own sub-task and is ignored</source>
        <translation>来自 %1 的依赖连接了摘要任务与其自身的子任务，已忽略</translation>
    </message>
    <message>
        <source>Indent %1</source>
        <translation>降级 %1</translation>
    </message>
    <message>
        <source>Outdent %1</source>
        <translation>升级 %1</translation>
    </message>
    <message>
        <source>Move successors of %1 to respect links</source>
        <translation>按依赖顺延 %1 的后续任务</translation>
    </message>
    <message>
        <source>Move successors to respect links</source>
        <translation>按依赖顺延后续任务</translation>
    </message>
    <message>
        <source>&amp;Indent</source>
        <translation>降级(&amp;I)</translation>
    </message>
    <message>
        <source>Make the selected tasks sub-tasks of the task above</source>
        <translation>把所选任务降为上方任务的子任务</translation>
    </message>
    <message>
        <source>&amp;Outdent</source>
        <translation>升级(&amp;O)</translation>
    </message>
    <message>
        <source>Move the selected tasks up one outline level</source>
        <translation>把所选任务提升一个大纲级别</translation>
    </message>
    <message>
        <source>&amp;Collapse</source>
        <translation>折叠(&amp;C)</translation>
    </message>
    <message>
        <source>Hide the sub-tasks of the selected summaries (all when none is selected)</source>
        <translation>隐藏所选摘要任务的子任务（未选择时折叠全部）</translation>
    </message>
    <message>
        <source>E&amp;xpand</source>
        <translation>展开(&amp;X)</translation>
    </message>
    <message>
        <source>Show the sub-tasks of the selected summaries (all when none is selected)</source>
        <translation>显示所选摘要任务的子任务（未选择时展开全部）</translation>
    </message>
    <message>
        <source>Move successors to respect &amp;links</source>
        <translation>按依赖顺延后续任务(&amp;L)</translation>
    </message>
    <message>
        <source>Move manually scheduled tasks that start before their links allow (after the selected tasks, or all)</source>
        <translation>把开始早于依赖允许日期的手动排程任务顺延（所选任务之后的，未选择时为全部）</translation>
    </message>
    <message>
        <source>the preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>synonym {synonym}</source>
        <translation>同义词“{synonym}”</translation>
    </message>
    <message>
        <source>same field as column {column}</source>
        <translation>与 {column} 列同一字段</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tables found</source>
        <translation>找到的表</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Cancel reading</source>
        <translation>取消读取</translation>
    </message>
    <message>
        <source>The workbooks are read once; nothing is written to them nor to the plan before Import.</source>
        <translation>工作簿只读取一次；点击“导入”之前，不会写入工作簿，也不会改动计划。</translation>
    </message>
    <message>
        <source>Use the guess instead</source>
        <translation>改用自动识别</translation>
    </message>
    <message>
        <source>Save this map for these headers</source>
        <translation>为这组表头保存映射</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>读作</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>表头行：</translation>
    </message>
    <message>
        <source>First data row:</source>
        <translation>首个数据行：</translation>
    </message>
    <message>
        <source>Import the row without this value</source>
        <translation>导入该行，但不要这个值</translation>
    </message>
    <message>
        <source>Skip the row</source>
        <translation>跳过该行</translation>
    </message>
    <message>
        <source>corrected value, e.g. 2025-03-14</source>
        <translation>更正后的值，如 2025-03-14</translation>
    </message>
    <message>
        <source>Use the corrected value</source>
        <translation>使用更正值</translation>
    </message>
    <message>
        <source>Use this period</source>
        <translation>使用此周期</translation>
    </message>
    <message>
        <source>Remove the decision</source>
        <translation>撤销该处理</translation>
    </message>
    <message>
        <source>Double-click a problem to see its cell. The workbook itself is not changed.</source>
        <translation>双击问题可查看对应单元格。工作簿本身不会被修改。</translation>
    </message>
    <message>
        <source>Your decisions:</source>
        <translation>已做的处理：</translation>
    </message>
    <message>
        <source>In the plan</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>In the workbook</source>
        <translation>工作簿中</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Decide one by one</source>
        <translation>逐条决定</translation>
    </message>
    <message>
        <source>Overwrite every older figure with the workbook</source>
        <translation>全部用工作簿中的旧数据覆盖</translation>
    </message>
    <message>
        <source>Keep the plan&apos;s figure every time</source>
        <translation>全部保留计划中的数据</translation>
    </message>
    <message>
        <source>For the undecided ones:</source>
        <translation>未决定的冲突：</translation>
    </message>
    <message>
        <source>What Import will do (one undo step):</source>
        <translation>导入将做的改动（一次可撤销）：</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读取</translation>
    </message>
    <message>
        <source>Reading cancelled: nothing will be imported.</source>
        <translation>已取消读取：不会导入任何内容。</translation>
    </message>
    <message>
        <source>Reading the workbooks…</source>
        <translation>正在读取工作簿…</translation>
    </message>
    <message>
        <source>{add} rows to add, {change} to change, {skip} skipped</source>
        <translation>新增 {add} 行，修改 {change} 行，跳过 {skip} 行</translation>
    </message>
    <message>
        <source>{n} error(s)</source>
        <translation>{n} 个错误</translation>
    </message>
    <message>
        <source>{n} warning(s)</source>
        <translation>{n} 个警告</translation>
    </message>
    <message>
        <source>{n} conflict(s) with newer plan data, {u} undecided</source>
        <translation>{n} 处与计划中较新数据冲突，{u} 处未决定</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>未能读取</translation>
    </message>
    <message>
        <source>conflicting</source>
        <translation>有冲突</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已回收</translation>
    </message>
    <message>
        <source>read</source>
        <translation>已读取</translation>
    </message>
    <message>
        <source>{e} error(s), {w} warning(s)</source>
        <translation>{e} 个错误，{w} 个警告</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>未回收</translation>
    </message>
    <message>
        <source>Period {period}: {n} team(s) returned</source>
        <translation>周期 {period}：{n} 个团队已回收</translation>
    </message>
    <message>
        <source>Missing: {teams}</source>
        <translation>未回收：{teams}</translation>
    </message>
    <message>
        <source>Late: {teams}</source>
        <translation>逾期：{teams}</translation>
    </message>
    <message>
        <source>table found</source>
        <translation>找到表格</translation>
    </message>
    <message>
        <source>our template</source>
        <translation>本软件模板</translation>
    </message>
    <message>
        <source>no table</source>
        <translation>没有表格</translation>
    </message>
    <message>
        <source>hidden, skipped</source>
        <translation>隐藏，已跳过</translation>
    </message>
    <message>
        <source>cover sheet</source>
        <translation>封面</translation>
    </message>
    <message>
        <source>app data</source>
        <translation>程序数据</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>A saved map for these headers was applied. It is listed under Settings › Saved column maps.</source>
        <translation>已套用为这组表头保存的映射。可在“设置 › 已保存的列映射”中查看。</translation>
    </message>
    <message>
        <source>Found a {kind}: header on row {row}, {n} data row(s) from row {first}.</source>
        <translation>找到{kind}：表头在第 {row} 行，从第 {first} 行起共 {n} 行数据。</translation>
    </message>
    <message>
        <source>Read as our own template: {tables}.</source>
        <translation>按本软件模板读取：{tables}。</translation>
    </message>
    <message>
        <source>Skipped: {why}</source>
        <translation>已跳过：{why}</translation>
    </message>
    <message>
        <source>no table found</source>
        <translation>未找到表格</translation>
    </message>
    <message>
        <source>Skipped: the sheet is hidden.</source>
        <translation>已跳过：工作表是隐藏的。</translation>
    </message>
    <message>
        <source>Nothing to map on this sheet.</source>
        <translation>此工作表无需映射。</translation>
    </message>
    <message>
        <source>keep as note</source>
        <translation>保留为备注</translation>
    </message>
    <message>
        <source>ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>timeline (Gantt bars)</source>
        <translation>时间轴（甘特条）</translation>
    </message>
    <message>
        <source>The map could not be saved in {folder}: {reason}</source>
        <translation>映射无法保存到 {folder}：{reason}</translation>
    </message>
    <message>
        <source>Map saved for these headers: {path}. It is offered for the next workbook with the same headers; planner import --map reads the same file.</source>
        <translation>已为这组表头保存映射：{path}。下次表头相同的工作簿会自动采用；planner import --map 也读取此文件。</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>{place}: row skipped</source>
        <translation>{place}：跳过该行</translation>
    </message>
    <message>
        <source>{place}: imported without this value</source>
        <translation>{place}：导入该行，不要此值</translation>
    </message>
    <message>
        <source>{place}: corrected to {value}</source>
        <translation>{place}：更正为 {value}</translation>
    </message>
    <message>
        <source>{n} reading(s) in the workbooks are older than the plan&apos;s. Choose for each: overwrite with the workbook, or keep the plan&apos;s figure.</source>
        <translation>工作簿中有 {n} 条读数比计划中的旧。请逐条选择：用工作簿覆盖，或保留计划中的数据。</translation>
    </message>
    <message>
        <source>No conflict with newer plan data.</source>
        <translation>与计划中较新的数据没有冲突。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>Overwrite with the workbook</source>
        <translation>用工作簿覆盖</translation>
    </message>
    <message>
        <source>Keep the plan&apos;s figure</source>
        <translation>保留计划中的数据</translation>
    </message>
    <message>
        <source>Plan &amp;properties…</source>
        <translation>计划属性(&amp;P)…</translation>
    </message>
    <message>
        <source>Plan properties</source>
        <translation>计划属性</translation>
    </message>
    <message>
        <source>Always today</source>
        <translation>始终为今天</translation>
    </message>
    <message>
        <source>Progress, late flags, charts and reports are judged on the real date</source>
        <translation>进度、延期标记、图表和报告按实际日期判断</translation>
    </message>
    <message>
        <source>China (statutory holidays and make-up workdays)</source>
        <translation>中国（法定节假日和调休）</translation>
    </message>
    <message>
        <source>None (weekends only)</source>
        <translation>无（仅周末）</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>The language of workbooks, reports and templates written from this plan</source>
        <translation>由本计划生成的工作簿、报告和模板所用的语言</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Start date:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <source>Status date:</source>
        <translation>统计日期：</translation>
    </message>
    <message>
        <source>Holiday calendar:</source>
        <translation>节假日日历：</translation>
    </message>
    <message>
        <source>Template language:</source>
        <translation>模板语言：</translation>
    </message>
    <message>
        <source>The plan needs a name.</source>
        <translation>计划需要一个名称。</translation>
    </message>
    <message>
        <source>Status date: today</source>
        <translation>统计日期：今天</translation>
    </message>
    <message>
        <source>Status date: %1</source>
        <translation>统计日期：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>The printer or PDF file could not be opened for writing.</source>
        <translation>无法打开打印机或 PDF 文件进行写入。</translation>
    </message>
    <message>
        <source>Status date %1</source>
        <translation>统计日期 %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>打印于 %1</translation>
    </message>
    <message>
        <source>The plan server is not reachable: the plan is read-only until it is back (retrying).</source>
        <translation>无法连接计划服务器：服务器恢复前，计划为只读（正在重试）。</translation>
    </message>
    <message>
        <source>Connected to the plan server again; the plan was read again.</source>
        <translation>已重新连接计划服务器，并已重新读取计划。</translation>
    </message>
    <message>
        <source>The plan on the server was upgraded from format %1.</source>
        <translation>服务器上的计划已从格式 %1 升级。</translation>
    </message>
    <message>
        <source>You may read this plan; the server refuses changes from viewers.</source>
        <translation>您可以阅读此计划；服务器拒绝查看者的修改。</translation>
    </message>
    <message>
        <source>Save a local copy</source>
        <translation>保存本地副本</translation>
    </message>
    <message>
        <source>Saved a local copy: %1</source>
        <translation>已保存本地副本：%1</translation>
    </message>
    <message>
        <source>Open from &amp;server…</source>
        <translation>从服务器打开(&amp;S)…</translation>
    </message>
    <message>
        <source>List the plans on a PostgreSQL server and open one</source>
        <translation>列出 PostgreSQL 服务器上的计划并打开其中之一</translation>
    </message>
    <message>
        <source>Save a &amp;local copy…</source>
        <translation>保存本地副本(&amp;L)…</translation>
    </message>
    <message>
        <source>Write the plan to a .plan file on this computer</source>
        <translation>将计划写入本机的 .plan 文件</translation>
    </message>
    <message>
        <source>RACI &amp;acknowledgements…</source>
        <translation>RACI 确认(&amp;A)…</translation>
    </message>
    <message>
        <source>The teams&apos; R/A letters of this server plan, who acknowledged them and when</source>
        <translation>此服务器计划中各团队的 R/A 职责，由谁、何时确认</translation>
    </message>
    <message>
        <source>RACI acknowledgements are kept for plans on a server (File &gt; Open from server…).</source>
        <translation>RACI 确认只保存在服务器上的计划中（文件 &gt; 从服务器打开…）。</translation>
    </message>
    <message>
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <source>on track</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>at risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>已错过</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>editor</source>
        <translation>编辑者</translation>
    </message>
    <message>
        <source>team member</source>
        <translation>团队成员</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>查看者</translation>
    </message>
    <message>
        <source>no access</source>
        <translation>无权限</translation>
    </message>
    <message>
        <source>No milestones in these plans.</source>
        <translation>这些计划中没有里程碑。</translation>
    </message>
    <message>
        <source>Plans on a server</source>
        <translation>服务器上的计划</translation>
    </message>
    <message>
        <source>The PMO&apos;s PostgreSQL server and database (see docs/server.md)</source>
        <translation>PMO 的 PostgreSQL 服务器和数据库（见 docs/server.md）</translation>
    </message>
    <message>
        <source>Show plans</source>
        <translation>显示计划</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Your role</source>
        <translation>您的角色</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Late tasks</source>
        <translation>延期任务</translation>
    </message>
    <message>
        <source>Indicators off target</source>
        <translation>偏离目标的指标</translation>
    </message>
    <message>
        <source>RACI problems</source>
        <translation>RACI 问题</translation>
    </message>
    <message>
        <source>R/A not acknowledged</source>
        <translation>R/A 未确认</translation>
    </message>
    <message>
        <source>Next milestones</source>
        <translation>下一个里程碑</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Milestones across plans</source>
        <translation>跨计划里程碑</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Reading the plans on %1 …</source>
        <translation>正在读取 %1 上的计划…</translation>
    </message>
    <message>
        <source>No plans on this server yet: publish one with “planner publish FILE.plan ADDRESS”.</source>
        <translation>此服务器上还没有计划：请用“planner publish 文件.plan 地址”发布一个。</translation>
    </message>
    <message>
        <source>Choose a plan to open.</source>
        <translation>请选择要打开的计划。</translation>
    </message>
    <message>
        <source>Window&apos;s language</source>
        <translation>窗口的语言</translation>
    </message>
    <message>
        <source>Plans on the server: %1</source>
        <translation>服务器上的计划：%1 个</translation>
    </message>
    <message>
        <source>Set &amp;baseline…</source>
        <translation>设置基线(&amp;B)…</translation>
    </message>
    <message>
        <source>Keep every task&apos;s planned dates under a name, to compare with later</source>
        <translation>以一个名称保存每个任务的计划日期，供日后对比</translation>
    </message>
    <message>
        <source>Add team…</source>
        <translation>添加团队…</translation>
    </message>
    <message>
        <source>A new team gets its own RACI column</source>
        <translation>新团队在 RACI 矩阵中有自己的一列</translation>
    </message>
    <message>
        <source>Teams…</source>
        <translation>团队…</translation>
    </message>
    <message>
        <source>Rename, merge or delete teams, seeing first what uses them</source>
        <translation>重命名、合并或删除团队，事先显示哪些内容用到它</translation>
    </message>
    <message>
        <source>Nothing uses it yet.</source>
        <translation>目前没有内容用到它。</translation>
    </message>
    <message>
        <source>It has %1 RACI letters, %2 roles and owns %3 indicators.</source>
        <translation>它有 %1 个 RACI 字母、%2 个角色，负责 %3 个指标。</translation>
    </message>
    <message>
        <source>Add team</source>
        <translation>添加团队</translation>
    </message>
    <message>
        <source>Team name:</source>
        <translation>团队名称：</translation>
    </message>
    <message>
        <source>There is already a team named %1.</source>
        <translation>已有名为 %1 的团队。</translation>
    </message>
    <message>
        <source>Add team %1</source>
        <translation>添加团队 %1</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>No teams yet: add one.</source>
        <translation>还没有团队：请添加一个。</translation>
    </message>
    <message>
        <source>Rename team</source>
        <translation>重命名团队</translation>
    </message>
    <message>
        <source>New name of %1:</source>
        <translation>%1 的新名称：</translation>
    </message>
    <message>
        <source>Rename team %1 to %2</source>
        <translation>将团队 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>Merge team</source>
        <translation>合并团队</translation>
    </message>
    <message>
        <source>Merge %1 into:</source>
        <translation>将 %1 合并到：</translation>
    </message>
    <message>
        <source>%1 will be merged into %2 and removed.</source>
        <translation>%1 将合并到 %2 并被删除。</translation>
    </message>
    <message>
        <source>Where both teams have a letter on the same row, %1&apos;s is kept.</source>
        <translation>两个团队在同一行都有字母时，保留 %1 的字母。</translation>
    </message>
    <message>
        <source>Merge team %1 into %2</source>
        <translation>将团队 %1 合并到 %2</translation>
    </message>
    <message>
        <source>Delete team %1?</source>
        <translation>删除团队 %1？</translation>
    </message>
    <message>
        <source>Its RACI letters are removed; its roles and indicators keep no team.</source>
        <translation>它的 RACI 字母将被删除；它的角色和指标将不再属于任何团队。</translation>
    </message>
    <message>
        <source>Delete team</source>
        <translation>删除团队</translation>
    </message>
    <message>
        <source>Delete team %1</source>
        <translation>删除团队 %1</translation>
    </message>
    <message>
        <source>Set baseline</source>
        <translation>设置基线</translation>
    </message>
    <message>
        <source>Baseline %1</source>
        <translation>基线 %1</translation>
    </message>
    <message>
        <source>Taken on:</source>
        <translation>设置日期：</translation>
    </message>
    <message>
        <source>Compare with it in the Gantt: choose it in the baseline box, and its bars are drawn under the plan&apos;s.</source>
        <translation>在甘特图中对比：在基线下拉框中选择它，基线条会画在计划条下方。</translation>
    </message>
    <message>
        <source>The baseline needs a name.</source>
        <translation>基线需要一个名称。</translation>
    </message>
    <message>
        <source>There is already a baseline named %1.</source>
        <translation>已有名为 %1 的基线。</translation>
    </message>
    <message>
        <source>Set baseline %1</source>
        <translation>设置基线 %1</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>letter changed since (acknowledged %1)</source>
        <translation>职责已变更（当时确认的是 %1）</translation>
    </message>
    <message>
        <source>not acknowledged yet</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>RACI acknowledgements – %1</source>
        <translation>RACI 确认 – %1</translation>
    </message>
    <message>
        <source>Only my team&apos;s letters</source>
        <translation>只看本团队的职责</translation>
    </message>
    <message>
        <source>Module or task</source>
        <translation>模块或任务</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>职责</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Note (optional), e.g. who in the team leads it</source>
        <translation>备注（可选），例如团队中由谁牵头</translation>
    </message>
    <message>
        <source>Acknowledge selected</source>
        <translation>确认所选</translation>
    </message>
    <message>
        <source>Record that the team takes on the selected R/A letters (who and when are kept on the server)</source>
        <translation>记录本团队承担所选的 R/A 职责（确认人和时间保存在服务器上）</translation>
    </message>
    <message>
        <source>%1 R/A letters, %2 waiting for an acknowledgement.</source>
        <translation>共 %1 项 R/A 职责，%2 项待确认。</translation>
    </message>
    <message>
        <source>Choose the R or A letters to acknowledge.</source>
        <translation>请选择要确认的 R 或 A 职责。</translation>
    </message>
    <message>
        <source>Head-count</source>
        <translation>人力负荷</translation>
    </message>
    <message>
        <source>Write the capacity as a whole number of heads (0 or more), or leave it empty: not %1</source>
        <translation>容量请写成人数（0 或以上的整数），或留空：不能是 %1</translation>
    </message>
    <message>
        <source>Roles without a team have no capacity of their own: set it on each role.</source>
        <translation>未分团队的角色没有共同的容量：请在每个角色上设置。</translation>
    </message>
    <message>
        <source>Set the capacity of %1 to %2</source>
        <translation>将 %1 的容量设为 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Put role %1 in team %2</source>
        <translation>将角色 %1 归入团队 %2</translation>
    </message>
    <message>
        <source>Take role %1 out of its team</source>
        <translation>将角色 %1 移出其团队</translation>
    </message>
    <message>
        <source>Heads %1 has per period; empty: not set</source>
        <translation>%1 每期可用的人数；留空：未设置</translation>
    </message>
    <message>
        <source>No task has roles with head-counts and dates: nothing to count.</source>
        <translation>没有任务同时带有角色人数和日期：无可统计的负荷。</translation>
    </message>
    <message>
        <source>%1: %2 heads</source>
        <translation>%1：%2 人</translation>
    </message>
    <message>
        <source>(capacity %1)</source>
        <translation>（容量 %1）</translation>
    </message>
    <message>
        <source>Per role</source>
        <translation>按角色</translation>
    </message>
    <message>
        <source>Per team</source>
        <translation>按团队</translation>
    </message>
    <message>
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Click a bar to list the tasks behind it.</source>
        <translation>点击柱形可列出构成它的任务。</translation>
    </message>
    <message>
        <source>Show in task matrix</source>
        <translation>在任务矩阵中显示</translation>
    </message>
    <message>
        <source>Roles over capacity: %1 · bars over capacity: %2</source>
        <translation>超出容量的角色：%1 · 超出容量的柱：%2</translation>
    </message>
    <message>
        <source>Teams over capacity: %1 · bars over capacity: %2</source>
        <translation>超出容量的团队：%1 · 超出容量的柱：%2</translation>
    </message>
    <message>
        <source>No bar is over capacity.</source>
        <translation>没有柱形超出容量。</translation>
    </message>
    <message>
        <source>Set a capacity (heads per period) in the table to see over-allocation.</source>
        <translation>在表中设置容量（每期人数）即可看到超负荷。</translation>
    </message>
    <message>
        <source>%1 in %2: %3 heads from %4 tasks</source>
        <translation>%1 在 %2：%3 人，来自 %4 个任务</translation>
    </message>
    <message>
        <source>capacity %1</source>
        <translation>容量 %1</translation>
    </message>
    <message>
        <source>no capacity set</source>
        <translation>未设容量</translation>
    </message>
    <message>
        <source>peak %1</source>
        <translation>峰值 %1</translation>
    </message>
    <message>
        <source>over capacity in %1 periods</source>
        <translation>超出容量 %1 期</translation>
    </message>
    <message>
        <source>Baseline: %1 (%2)</source>
        <translation>基线：%1（%2）</translation>
    </message>
    <message>
        <source>The baseline the variance columns and the Gantt&apos;s grey bars compare with</source>
        <translation>差异列和甘特图灰色基线条所对比的基线</translation>
    </message>
    <message>
        <source>Double-click to cycle R → A → C → I → empty, press R, A, C, I or Delete, or right-click</source>
        <translation>双击在 R → A → C → I → 空 之间切换，按 R、A、C、I 或 Delete 键，或右键选择</translation>
    </message>
    <message>
        <source>R – responsible (does the work)</source>
        <translation>R – 负责（执行工作）</translation>
    </message>
    <message>
        <source>A – accountable (signs off)</source>
        <translation>A – 批准（最终负责）</translation>
    </message>
    <message>
        <source>C – consulted</source>
        <translation>C – 咨询</translation>
    </message>
    <message>
        <source>I – informed</source>
        <translation>I – 知会</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Double-click a team cell to cycle R → A → C → I, type R, A, C, I, or right-click; Delete clears. Rows breaking a rule are red; the last column says why.</source>
        <translation>双击团队单元格在 R → A → C → I 之间切换，或输入 R、A、C、I，或右键选择；Delete 键清除。违反规则的行标红，最后一列说明原因。</translation>
    </message>
    <message>
        <source>Row %1, %2: %3</source>
        <translation>第 %1 行，%2：%3</translation>
    </message>
    <message>
        <source>Paste %1 cells</source>
        <translation>粘贴 %1 个单元格</translation>
    </message>
    <message>
        <source>the ID %1 is already used; the task got the next free ID</source>
        <translation>编号 %1 已被使用，任务改用下一个空闲编号</translation>
    </message>
    <message>
        <source>Pasted %1 cells; %2 tasks added.</source>
        <translation>已粘贴 %1 个单元格；新增 %2 个任务。</translation>
    </message>
    <message>
        <source>Skipped %1 pasted cells: </source>
        <translation>跳过了 %1 个粘贴的单元格：</translation>
    </message>
    <message>
        <source>(and %1 more)</source>
        <translation>（另有 %1 处）</translation>
    </message>
    <message>
        <source>Clear %1 cells</source>
        <translation>清除 %1 个单元格</translation>
    </message>
    <message>
        <source>Not cleared (a task needs them): %1.</source>
        <translation>未清除（任务必须有这些值）：%1。</translation>
    </message>
    <message>
        <source>Add a task</source>
        <translation>添加任务</translation>
    </message>
    <message>
        <source>%1 depends on %2</source>
        <translation>%1 依赖于 %2</translation>
    </message>
    <message>
        <source>Delete tasks</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Other tasks depend on the tasks you are deleting:
%1

Delete them anyway? These links are removed too.</source>
        <translation>其他任务依赖于要删除的任务：
%1

仍要删除吗？这些依赖关系也会一并删除。</translation>
    </message>
    <message>
        <source>The sample plan %1 is missing from this installation. Reinstall Roadmap Planner to restore it.</source>
        <translation>此安装中缺少示例计划 %1。请重新安装路线图规划器以恢复它。</translation>
    </message>
    <message>
        <source>Name, start date, status date, holidays, week numbering and template language</source>
        <translation>名称、开始日期、统计日期、节假日、周编号和模板语言</translation>
    </message>
    <message>
        <source>Open Sa&amp;mple</source>
        <translation>打开示例(&amp;M)</translation>
    </message>
    <message>
        <source>A staged roadmap with tasks, links, RACI, indicators and readings</source>
        <translation>分阶段路线图，含任务、依赖、RACI、指标和填报数据</translation>
    </message>
    <message>
        <source>A software project in task groups, with links and milestones</source>
        <translation>按任务组划分的软件项目，含依赖和里程碑</translation>
    </message>
    <message>
        <source>Objectives and key results linked to tasks and indicators</source>
        <translation>目标与关键结果，关联任务和指标</translation>
    </message>
    <message>
        <source>Programme weeks (week 1 is the plan&apos;s first week)</source>
        <translation>项目周（第 1 周是计划的第一周）</translation>
    </message>
    <message>
        <source>ISO 8601 weeks (W01-W53, Monday to Sunday)</source>
        <translation>ISO 8601 周（W01-W53，周一至周日）</translation>
    </message>
    <message>
        <source>How the Gantt chart, its printouts and the charts number the weeks</source>
        <translation>甘特图、其打印件和图表如何给周编号</translation>
    </message>
    <message>
        <source>Week numbering:</source>
        <translation>周编号：</translation>
    </message>
    <message>
        <source>Roadmap Planner user guide</source>
        <translation>路线图规划器用户指南</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation (expected at %1). Reinstall Roadmap Planner to restore it.</source>
        <translation>此安装中缺少用户指南（应在 %1）。请重新安装路线图规划器以恢复它。</translation>
    </message>
    <message>
        <source>From roadmap cell…</source>
        <translation>从路线图单元格生成…</translation>
    </message>
    <message>
        <source>Indicators from the lines of a roadmap cell&apos;s acceptance indicators, previewed first</source>
        <translation>由路线图单元格“量化验收指标”的各行生成指标，先预览</translation>
    </message>
    <message>
        <source>Indicators from cell…</source>
        <translation>由单元格生成指标…</translation>
    </message>
    <message>
        <source>Turn the lines of the current cell&apos;s acceptance indicators into indicators, previewed first</source>
        <translation>把当前单元格“量化验收指标”的各行转为指标，先预览</translation>
    </message>
    <message>
        <source>A task-ID prefix is letters and digits, starting with a letter (TP, EC, BM2): %1</source>
        <translation>任务ID前缀须由字母和数字组成，并以字母开头：%1</translation>
    </message>
    <message>
        <source>Set the task-ID prefix of %1</source>
        <translation>设置 %1 的任务ID前缀</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Add role…</source>
        <translation>添加角色…</translation>
    </message>
    <message>
        <source>Roles and their teams</source>
        <translation>角色及所属团队</translation>
    </message>
    <message>
        <source>Add role</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <source>Role name:</source>
        <translation>角色名称：</translation>
    </message>
    <message>
        <source>There is already a role named %1.</source>
        <translation>已有名为 %1 的角色。</translation>
    </message>
    <message>
        <source>Add role %1</source>
        <translation>添加角色 %1</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <source>Indicators from a roadmap cell</source>
        <translation>由路线图单元格生成指标</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Target as written</source>
        <translation>目标（原文）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>This cell has no acceptance indicators yet: write them in the roadmap first.</source>
        <translation>该单元格还没有量化验收指标：请先在路线图中填写。</translation>
    </message>
    <message>
        <source>Acceptance indicators of the cell, one indicator per figure:</source>
        <translation>该单元格的量化验收指标，每个数值一个指标：</translation>
    </message>
    <message>
        <source>No target figure in this line</source>
        <translation>此行没有目标数值</translation>
    </message>
    <message>
        <source>Already indicator %1</source>
        <translation>已有指标 %1</translation>
    </message>
    <message>
        <source>Tick at least one line to add.</source>
        <translation>请至少勾选一行。</translation>
    </message>
    <message>
        <source>Line %1: an indicator needs a code and a name.</source>
        <translation>第 %1 行：指标需要编号和名称。</translation>
    </message>
    <message>
        <source>Line %1: the target %2 cannot be read.</source>
        <translation>第 %1 行：无法识别目标 %2。</translation>
    </message>
    <message>
        <source>The roadmap has no cells yet: add a stage and a module first.</source>
        <translation>路线图还没有单元格：请先添加阶段和模块。</translation>
    </message>
    <message>
        <source>Add %1 indicators from %2 / %3</source>
        <translation>由 %2 / %3 添加 %1 个指标</translation>
    </message>
</context>
<context>
    <name>Column</name>
    <message>
        <source>Indicator</source>
        <translation>指标名称</translation>
    </message>
    <message>
        <source>Stage target</source>
        <translation>阶段目标</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本月实际值</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>累计实际值</translation>
    </message>
    <message>
        <source>Achievement</source>
        <translation>达成率</translation>
    </message>
    <message>
        <source>Cumulative value / stage target (computed)</source>
        <translation>累计实际值 / 阶段目标（自动计算）</translation>
    </message>
    <message>
        <source>Expected to date</source>
        <translation>截至测试日应达</translation>
    </message>
    <message>
        <source>Share of the stage target expected by the test date (computed)</source>
        <translation>截至测试日应完成的阶段目标比例（自动计算）</translation>
    </message>
    <message>
        <source>Deviation</source>
        <translation>偏差</translation>
    </message>
    <message>
        <source>Achievement against the expected share, as in the reports: below -10% is off target (computed)</source>
        <translation>达成情况相对应达比例的偏差，与报告一致：低于 -10% 即偏离目标（自动计算）</translation>
    </message>
    <message>
        <source>Test date</source>
        <translation>测试时间</translation>
    </message>
    <message>
        <source>Tester</source>
        <translation>测试人员</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Exception note</source>
        <translation>异常说明</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Dual-source verification done (type yes/no)</source>
        <translation>已完成双源验证（输入 是/否）</translation>
    </message>
    <message>
        <source>Objective / key result / link</source>
        <translation>目标 / 关键结果 / 链接</translation>
    </message>
    <message>
        <source>Kind / target</source>
        <translation>类型 / 目标</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Decision maker</source>
        <translation>决策人</translation>
    </message>
    <message>
        <source>Executing roles</source>
        <translation>核心执行角色</translation>
    </message>
    <message>
        <source>Meeting cadence</source>
        <translation>协作频率</translation>
    </message>
    <message>
        <source>Module / task</source>
        <translation>模块 / 任务</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Time span</source>
        <translation>时间跨度</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>建设内容</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>具体行动</translation>
    </message>
    <message>
        <source>Acceptance indicators</source>
        <translation>量化验收指标</translation>
    </message>
    <message>
        <source>Indicator status</source>
        <translation>指标状态</translation>
    </message>
    <message>
        <source>Achievement at the latest reading: green on target, amber within 10%, red below</source>
        <translation>最近一次数据的达成率：绿色达标，黄色偏差 10% 以内，红色低于目标</translation>
    </message>
    <message>
        <source>Evaluation method</source>
        <translation>评估方法</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>任务ID</translation>
    </message>
    <message>
        <source>Start–end</source>
        <translation>起止时间</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>责任角色</translation>
    </message>
    <message>
        <source>Dependencies</source>
        <translation>依赖项</translation>
    </message>
    <message>
        <source>Predecessors: TP-01, TP-02 30% (start at 30% done), TP-01 SS+2d</source>
        <translation>前置任务：TP-01、TP-02 30%（完成 30% 即可开始）、TP-01 SS+2d</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <source>Risk response</source>
        <translation>风险应对</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Float (d)</source>
        <translation>浮动时间（天）</translation>
    </message>
    <message>
        <source>Total float in working days, from the schedule</source>
        <translation>总浮动时间（工作日），来自进度计算</translation>
    </message>
    <message>
        <source>WBS</source>
        <translation>WBS</translation>
    </message>
    <message>
        <source>Outline number, from the summary tasks above (1, 1.2, 1.2.3)</source>
        <translation>大纲编号，由上级摘要任务得出（1、1.2、1.2.3）</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>工期</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>排程</translation>
    </message>
    <message>
        <source>Auto: placed by its links; manual: kept where it was put</source>
        <translation>自动：按依赖安排；手动：保持所定日期</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Links the task&apos;s dates break, as planner validate reports them</source>
        <translation>任务日期违反的依赖，与计划校验的结果一致</translation>
    </message>
    <message>
        <source>Months from the programme start (0-6 months), weeks (W1-W8) or dates</source>
        <translation>自项目开始的月份（0-6 个月）、周（第1-8周、W1-W8）或日期</translation>
    </message>
    <message>
        <source>Working days; a ? marks an estimate (3d?)</source>
        <translation>工作日；带 ? 的为估计值（3天?）</translation>
    </message>
    <message>
        <source>Roles with head-counts: engineer×8, architect×2</source>
        <translation>角色及人数：算子组工程师×8、架构师×2</translation>
    </message>
    <message>
        <source>The one person answerable for the task</source>
        <translation>对任务负总责的一个人（负责人）</translation>
    </message>
    <message>
        <source>As written: W1-W8 or 2025-01-27 – 2025-03-10</source>
        <translation>按原样填写：第1-8周、0-6 个月 或 2025-01-27 至 2025-03-10</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Heads available per period; empty: not set</source>
        <translation>每期可用人数；留空：未设置</translation>
    </message>
    <message>
        <source>Peak heads</source>
        <translation>峰值人数</translation>
    </message>
    <message>
        <source>Over (periods)</source>
        <translation>超容量期数</translation>
    </message>
    <message>
        <source>Periods whose load is above the capacity</source>
        <translation>负荷高于容量的期数</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Roles in team</source>
        <translation>团队角色数</translation>
    </message>
    <message>
        <source>Start var.</source>
        <translation>开始差异</translation>
    </message>
    <message>
        <source>Working days the start moved since the compared baseline (+ later)</source>
        <translation>与所对比基线相比，开始日期移动的工作日数（+ 表示推迟）</translation>
    </message>
    <message>
        <source>Finish var.</source>
        <translation>完成差异</translation>
    </message>
    <message>
        <source>Working days the finish moved since the compared baseline (+ later)</source>
        <translation>与所对比基线相比，完成日期移动的工作日数（+ 表示推迟）</translation>
    </message>
    <message>
        <source>Duration var.</source>
        <translation>工期差异</translation>
    </message>
    <message>
        <source>Working days longer (+) or shorter than in the compared baseline</source>
        <translation>与所对比基线相比，工期延长（+）或缩短的工作日数</translation>
    </message>
    <message>
        <source>Task-ID prefix</source>
        <translation>任务ID前缀</translation>
    </message>
    <message>
        <source>The module&apos;s task IDs start with it: TP gives TP-01, TP-02 ...</source>
        <translation>该模块新任务的ID以此前缀开头，后接两位编号（-01、-02 ……）</translation>
    </message>
</context>
<context>
    <name>Command</name>
    <message>
        <source>Edit %1 of %2</source>
        <translation>编辑 %2 的%1</translation>
    </message>
    <message>
        <source>Reschedule %1</source>
        <translation>调整 %1 的起止时间</translation>
    </message>
    <message>
        <source>Set dependencies of %1</source>
        <translation>设置 %1 的依赖项</translation>
    </message>
    <message>
        <source>Set roles of %1</source>
        <translation>设置 %1 的责任角色</translation>
    </message>
    <message>
        <source>Set duration of %1</source>
        <translation>设置 %1 的工期</translation>
    </message>
</context>
<context>
    <name>Excel</name>
    <message>
        <source>Whole plan workbook…</source>
        <translation>整个计划（工作簿）…</translation>
    </message>
    <message>
        <source>Data collection workbook for a team…</source>
        <translation>团队数据收集表…</translation>
    </message>
    <message>
        <source>Statistics template…</source>
        <translation>数据统计模板…</translation>
    </message>
    <message>
        <source>Task plan…</source>
        <translation>阶段任务计划表…</translation>
    </message>
    <message>
        <source>Division of work and RACI…</source>
        <translation>分工矩阵与 RACI…</translation>
    </message>
    <message>
        <source>Indicator system…</source>
        <translation>量化指标体系…</translation>
    </message>
</context>
<context>
    <name>GanttLegend</name>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Done part</source>
        <translation>已完成部分</translation>
    </message>
    <message>
        <source>Critical path</source>
        <translation>关键路径</translation>
    </message>
    <message>
        <source>Summary task</source>
        <translation>摘要任务</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>浮动时间</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <source>Status date</source>
        <translation>统计日期</translation>
    </message>
    <message>
        <source>Violated link</source>
        <translation>冲突的依赖</translation>
    </message>
</context>
<context>
    <name>Headcount</name>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>1 Files</source>
        <translation>1 文件</translation>
    </message>
    <message>
        <source>2 Sheet and columns</source>
        <translation>2 工作表与列</translation>
    </message>
    <message>
        <source>3 Problems</source>
        <translation>3 问题</translation>
    </message>
    <message>
        <source>4 Conflicts and import</source>
        <translation>4 冲突与导入</translation>
    </message>
    <message>
        <source>not recognised: kept as a note</source>
        <translation>未识别：保留为备注</translation>
    </message>
    <message>
        <source>no header</source>
        <translation>无表头</translation>
    </message>
    <message>
        <source>a timeline column (dates, weeks or months)</source>
        <translation>时间轴列（日期、周或月）</translation>
    </message>
    <message>
        <source>a timeline column</source>
        <translation>时间轴列</translation>
    </message>
    <message>
        <source>R/A/C/I letters below</source>
        <translation>下方是 R/A/C/I 字母</translation>
    </message>
    <message>
        <source>the text column before the letters</source>
        <translation>字母列之前的文字列</translation>
    </message>
    <message>
        <source>numbers under the task-name header</source>
        <translation>任务名称表头下的编号</translation>
    </message>
    <message>
        <source>text values; no task-name header</source>
        <translation>文字值；没有任务名称表头</translation>
    </message>
    <message>
        <source>no task-name column: this column names the tasks</source>
        <translation>没有任务名称列：此列给出任务名称</translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation>由你选择</translation>
    </message>
    <message>
        <source>from the saved map</source>
        <translation>来自已保存的映射</translation>
    </message>
    <message>
        <source>header row changed</source>
        <translation>表头行已更改</translation>
    </message>
    <message>
        <source>plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>calendar day</source>
        <translation>日历日</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>roadmap cell</source>
        <translation>路线图单元格</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>task role</source>
        <translation>任务角色</translation>
    </message>
    <message>
        <source>dependency</source>
        <translation>依赖</translation>
    </message>
    <message>
        <source>milestone</source>
        <translation>里程碑</translation>
    </message>
    <message>
        <source>risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>RACI letter</source>
        <translation>RACI 字母</translation>
    </message>
    <message>
        <source>division of work</source>
        <translation>分工</translation>
    </message>
    <message>
        <source>objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>key result</source>
        <translation>关键结果</translation>
    </message>
    <message>
        <source>key-result link</source>
        <translation>关键结果关联</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>baseline task</source>
        <translation>基线任务</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Weeks start at 1: %1</source>
        <translation>周次从 1 开始：%1</translation>
    </message>
    <message>
        <source>%1 holds an impossible date.</source>
        <translation>%1 含有不存在的日期。</translation>
    </message>
    <message>
        <source>The span %1 ends before it starts.</source>
        <translation>起止时间 %1 的结束早于开始。</translation>
    </message>
    <message>
        <source>%1 is not a percentage.</source>
        <translation>%1 不是百分比。</translation>
    </message>
    <message>
        <source>Progress must be between 0% and 100%, not %1.</source>
        <translation>进度必须在 0% 到 100% 之间，而不是 %1。</translation>
    </message>
    <message>
        <source>%1 is not a number.</source>
        <translation>%1 不是数字。</translation>
    </message>
    <message>
        <source>A task cannot depend on itself (%1).</source>
        <translation>任务不能依赖自身（%1）。</translation>
    </message>
    <message>
        <source>Unknown task ID %1.</source>
        <translation>未知的任务ID %1。</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 重复列出。</translation>
    </message>
    <message>
        <source>This file is not a Roadmap Planner plan.</source>
        <translation>此文件不是路线图规划器的计划文件。</translation>
    </message>
    <message>
        <source>The plan file is damaged.</source>
        <translation>计划文件已损坏。</translation>
    </message>
    <message>
        <source>This plan was saved by a newer version of Roadmap Planner.</source>
        <translation>此计划由更新版本的路线图规划器保存。</translation>
    </message>
    <message>
        <source>The plan is open elsewhere.</source>
        <translation>此计划已在别处打开。</translation>
    </message>
    <message>
        <source>The plan could not be saved; the file on disk is unchanged.</source>
        <translation>计划未能保存；磁盘上的文件保持不变。</translation>
    </message>
    <message>
        <source>This plan is open read-only; use Save As to keep changes.</source>
        <translation>此计划以只读方式打开；如需保留修改请“另存为”。</translation>
    </message>
    <message>
        <source>The file was changed on disk since it was opened.</source>
        <translation>文件在打开后已在磁盘上被修改。</translation>
    </message>
    <message>
        <source>The system did not allow this file operation.</source>
        <translation>系统不允许此文件操作。</translation>
    </message>
    <message>
        <source>This ID is already used.</source>
        <translation>此ID已被使用。</translation>
    </message>
    <message>
        <source>The workbook was not imported.</source>
        <translation>工作簿未导入。</translation>
    </message>
    <message>
        <source>The export could not be written.</source>
        <translation>导出文件未能写入。</translation>
    </message>
    <message>
        <source>An item this refers to does not exist.</source>
        <translation>所引用的项目不存在。</translation>
    </message>
    <message>
        <source>This text could not be read.</source>
        <translation>无法识别此文本。</translation>
    </message>
    <message>
        <source>This value is not accepted.</source>
        <translation>此值无效。</translation>
    </message>
    <message>
        <source>Cannot read the span %1; write it as W1-W8 or 2025-01-27 – 2025-03-10.</source>
        <translation>无法识别起止时间 %1；请写作 第1-8周、0-6 个月 或 2025-01-27 至 2025-03-10。</translation>
    </message>
</context>
<context>
    <name>Okr</name>
    <message>
        <source>Delivery</source>
        <translation>交付型</translation>
    </message>
    <message>
        <source>Exploration</source>
        <translation>探索型</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>Raci</name>
    <message>
        <source>No A: exactly one team must be Accountable</source>
        <translation>缺少 A：必须恰好有一个团队负责审批（A）</translation>
    </message>
    <message>
        <source>Two or more A: exactly one team must be Accountable</source>
        <translation>多个 A：必须恰好有一个团队负责审批（A）</translation>
    </message>
    <message>
        <source>No R: at least one team must be Responsible</source>
        <translation>缺少 R：至少需要一个团队负责执行（R）</translation>
    </message>
</context>
<context>
    <name>Scheduling</name>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>TaskMatrix</name>
    <message>
        <source>Task %1, dependencies</source>
        <translation>任务 %1 的依赖项</translation>
    </message>
    <message>
        <source>A task needs an ID.</source>
        <translation>任务必须有任务ID。</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1天</translation>
    </message>
    <message>
        <source>not one of: %1</source>
        <translation>不是以下之一：%1</translation>
    </message>
    <message>
        <source>Type here to add a task</source>
        <translation>在此输入以添加任务</translation>
    </message>
</context>
</TS>
