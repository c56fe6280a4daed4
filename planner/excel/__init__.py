"""Excel templates: export (openpyxl), tolerant import with a problem list, data collection."""
