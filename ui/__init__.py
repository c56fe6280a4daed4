"""The PySide6 desktop app. Everything Qt lives here; the core is in planner/."""

from ui.none_guard import protect_none

protect_none()  # before any view paints: see ui/none_guard.py
