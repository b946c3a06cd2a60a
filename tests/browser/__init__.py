"""Browser tests. A package, so that `from conftest import ...` in tests/ always means tests/conftest.py."""
