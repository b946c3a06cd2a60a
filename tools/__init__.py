"""The project's tooling that is not part of the Pelican build.

Publishing, scaffolding of new content files and the error-tolerant preview.
The invoke tasks in tasks.py are thin wrappers around these modules.
"""
