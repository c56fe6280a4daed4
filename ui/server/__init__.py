"""Plans on a PostgreSQL server in the window: File > Open from server (the portfolio), live
refresh from the others' edits, read-only while the server is away, Save a local copy."""
