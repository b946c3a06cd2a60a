"""Reading and checking one content file: front matter, fields, the event block, the body."""
