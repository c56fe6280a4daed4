"""Indicators: parse targets and values as users write them, compute achievement and deviation."""

from planner.indicators.rates import (  # noqa: F401
    DEVIATION_LIMIT,
    achievement_rate,
    default_rule,
    deviation,
    elapsed_share,
    is_met,
    is_off_target,
)
from planner.indicators.targets import (  # noqa: F401
    AcceptanceItem,
    Target,
    TargetParseError,
    ValueParseError,
    parse_target,
    parse_value,
    split_acceptance,
    split_numbered,
)
