"""Plans exchanged with other planners: MS Project XML (mspdi), files through MPXJ (mpxj), calendars (ical).

Each reader gives `Records` and `Problem`s that enter the Excel import's preview and apply path
(`planner.interop.preview.build_preview`), so every format gets the same located preview and one
undo step; each writer takes a `Plan` and a path and writes the file atomically.
"""
