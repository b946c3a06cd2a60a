"""The event model, its recurrence and the calendar views (no Pelican import)."""
