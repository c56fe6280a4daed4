"""The PySide6 desktop app. Everything Qt lives here; the core is in planner/."""
