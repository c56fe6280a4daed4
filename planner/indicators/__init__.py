"""Indicators: parse targets and values as users write them, compute achievement and deviation."""
