"""Review reports: the monthly review PDF and the deviation analysis (PDF and fillable Excel)."""
