"""Roadmap Planner core: the plan model, document, scheduling, indicators, RACI, Excel, charts and CLI.

This package never imports Qt or ui/; it runs headless.
"""

__version__ = "0.1.0"
