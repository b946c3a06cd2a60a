"""Build-time benchmark: our full-featured build against stock Pelican on the same corpus.

``python -m benchmarks.run`` (or ``invoke bench``); see benchmarks/README.md.
"""
