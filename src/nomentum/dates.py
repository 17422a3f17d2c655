"""How dates are written and read wherever a person types one."""

DATE_HINT = "Use a date like 2026-11-22."
