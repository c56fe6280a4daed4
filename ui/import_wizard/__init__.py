"""The import wizard: files, the sheet and its column map, problems fixed or skipped row by row,
conflicts decided, then one undo step. Built over the core preview (`planner.excel.preview`)."""

from ui.import_wizard.wizard import ImportWizard

__all__ = ["ImportWizard"]
