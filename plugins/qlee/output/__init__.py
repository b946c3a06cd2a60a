"""What the templates and feeds get: template filters, event pages, JSON-LD, iCal."""
